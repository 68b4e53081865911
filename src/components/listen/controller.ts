// The state of "Listen": idle, playing or paused, at which piece of text, at which speed. The speech engine is
// passed in (speechSynthesis in the page, a fake in the tests). Pieces are spoken one at a time, so pausing,
// resuming and changing the speed restart the current piece, the same way in every browser (speechSynthesis.pause
// does nothing on some platforms).

export interface SpeechCallbacks {
  onEnd(): void;
  /** `error` is the SpeechSynthesisErrorEvent's code, e.g. "interrupted" or "synthesis-failed". */
  onError(error: string): void;
}

export interface SpeechEngine {
  speak(text: string, rate: number, callbacks: SpeechCallbacks): void;
  /** Stops the current piece; its callbacks may still fire afterwards and are ignored. */
  cancel(): void;
}

export interface Utterance {
  text: string;
  /** Index of the text block the piece belongs to. */
  block: number;
}

export type ListenStatus = 'idle' | 'playing' | 'paused';

export interface ListenState {
  status: ListenStatus;
  /** The piece being read (or where reading resumes); 0 when idle. */
  index: number;
  total: number;
  rate: number;
  /** The block of the current piece, when playing or paused. */
  block: number | undefined;
  /** Why reading stopped by itself, in words for the learner. */
  problem: string | undefined;
}

export const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Errors the engine reports when we (or another page) stopped it: not a failure. */
const STOPPED = new Set(['interrupted', 'canceled']);

export function problemText(error: string): string {
  if (error === 'not-allowed') return 'The browser did not allow reading aloud yet. Press “Listen” again.';
  return `Your browser could not read this aloud (it reported “${error}”). It may have no voice installed for this language.`;
}

export interface ListenController {
  readonly state: ListenState;
  play(): void;
  pause(): void;
  /** Play when idle or paused, pause when playing. */
  toggle(): void;
  stop(): void;
  setRate(rate: number): void;
}

export function createListenController(
  engine: SpeechEngine,
  utterances: readonly Utterance[],
  options: { rate?: number; onChange?: (state: ListenState) => void } = {},
): ListenController {
  let status: ListenStatus = 'idle';
  let index = 0;
  let rate = options.rate ?? 1;
  let problem: string | undefined;
  /** Callbacks of pieces spoken before the latest speak() or cancel() carry an old token and are ignored. */
  let token = 0;

  const state = (): ListenState => ({
    status,
    index,
    total: utterances.length,
    rate,
    block: status === 'idle' ? undefined : utterances[index]?.block,
    problem,
  });
  const changed = (): void => options.onChange?.(state());

  const silence = (): void => {
    token++;
    engine.cancel();
  };

  const speakCurrent = (): void => {
    const piece = utterances[index];
    if (!piece) return finish();
    const mine = ++token;
    engine.speak(piece.text, rate, {
      onEnd: () => {
        if (mine !== token) return;
        index++;
        if (index < utterances.length) {
          changed();
          speakCurrent();
        } else finish();
      },
      onError: (error) => {
        if (mine !== token) return;
        token++;
        if (STOPPED.has(error)) status = 'paused';
        else {
          status = 'idle';
          index = 0;
          problem = problemText(error);
        }
        changed();
      },
    });
  };

  function finish(): void {
    token++;
    status = 'idle';
    index = 0;
    changed();
  }

  const controller: ListenController = {
    get state() {
      return state();
    },
    play() {
      if (status === 'playing' || !utterances.length) return;
      // Clears anything another page (or a previous load of this one) left in the browser's queue.
      silence();
      status = 'playing';
      problem = undefined;
      changed();
      speakCurrent();
    },
    pause() {
      if (status !== 'playing') return;
      silence();
      status = 'paused';
      changed();
    },
    toggle() {
      if (status === 'playing') controller.pause();
      else controller.play();
    },
    stop() {
      if (status === 'idle') return;
      silence();
      status = 'idle';
      index = 0;
      changed();
    },
    setRate(next) {
      if (next === rate || !(next > 0)) return;
      rate = next;
      if (status === 'playing') {
        silence();
        speakCurrent();
      }
      changed();
    },
  };
  return controller;
}
