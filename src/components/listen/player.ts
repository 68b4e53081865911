// Loaded when the learner first reaches for "Listen": collects the lesson's text from the page, splits it into
// utterances and connects the controller to the browser's speechSynthesis, highlighting the block being read.
import { chunkText } from './chunk.ts';
import { createListenController, type ListenController, type ListenState, type SpeechEngine, type Utterance } from './controller.ts';
import { extractBlocks } from './extract.ts';

export const CURRENT_ATTRIBUTE = 'data-listen-current';

export function speechEngine(synth: SpeechSynthesis, lang: string): SpeechEngine {
  // Chrome drops the events of an utterance nothing refers to any more, so the current one is kept here.
  const alive: { utterance?: SpeechSynthesisUtterance } = {};
  return {
    speak(text, rate, { onEnd, onError }) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.rate = rate;
      utterance.onend = () => onEnd();
      utterance.onerror = (event) => onError(event.error);
      alive.utterance = utterance;
      synth.speak(utterance);
    },
    cancel() {
      synth.cancel();
      // A queue left paused (by another page) would keep new utterances silent.
      if (synth.paused) synth.resume();
    },
  };
}

/** The lesson's title and text, as utterances, with the element each belongs to. */
export function lessonUtterances(doc: Document): { utterances: Utterance[]; elements: Element[] } {
  const roots = [doc.querySelector('main h1'), doc.querySelector('main .sl-markdown-content')].filter((n): n is Element => n !== null);
  const blocks = extractBlocks(roots);
  const utterances = blocks.flatMap((block, i) => chunkText(block.text).map((text) => ({ text, block: i })));
  return { utterances, elements: blocks.map((b) => b.node) };
}

const LABEL = { idle: 'Listen', playing: 'Pause', paused: 'Resume' } as const;

/** Shows the state on the <ct-listen> control: its data-state, the toggle's label, Stop, and any problem. */
export function renderState(host: HTMLElement, state: ListenState): void {
  host.dataset.state = state.status;
  const label = host.querySelector('[data-listen-label]');
  if (label) label.textContent = LABEL[state.status];
  // aria-disabled rather than disabled: a disabled button would drop the focus of the learner who pressed it.
  host.querySelector('[data-listen-stop]')?.setAttribute('aria-disabled', String(state.status === 'idle'));
  const status = host.querySelector('[data-listen-status]');
  if (status && status.textContent !== (state.problem ?? '')) status.textContent = state.problem ?? '';
}

export function createPagePlayer(host: HTMLElement, rate: number): ListenController {
  const { utterances, elements } = lessonUtterances(document);
  let highlighted: Element | undefined;
  const controller = createListenController(speechEngine(window.speechSynthesis, document.documentElement.lang || 'en'), utterances, {
    rate,
    onChange(state) {
      const next = state.block === undefined ? undefined : elements[state.block];
      if (next !== highlighted) {
        highlighted?.removeAttribute(CURRENT_ATTRIBUTE);
        next?.setAttribute(CURRENT_ATTRIBUTE, '');
        highlighted = next;
      }
      renderState(host, state);
    },
  });
  // Speech would otherwise carry on over the next page.
  window.addEventListener('pagehide', () => controller.stop());
  return controller;
}
