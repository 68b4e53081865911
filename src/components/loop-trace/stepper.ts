// The stepper behind <LoopTrace>: moves through recorded steps (src/lib/trace/steps.ts) and redraws the panels
// the server rendered for the first step. Buttons, keys on the focused widget (Left/Right, Home/End, Space) and a
// timed play all go through `show`, which also puts the step's sentence in the polite live region.
import type { Step } from '../../lib/trace/steps.ts';
import type { TraceView } from '../../lib/trace/view.ts';

const PHASES = ['timers', 'pending', 'poll', 'check', 'close'] as const;

export function mountStepper(host: HTMLElement, view: TraceView): void {
  const root = host.querySelector<HTMLElement>('[data-lt-root]')!;
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const play = q<HTMLButtonElement>('[data-lt-play]');
  const speed = q<HTMLSelectElement>('[data-lt-speed]');
  const say = q<HTMLElement>('[data-lt-say]');
  const code = q<HTMLOListElement>('[data-lt-code]');
  let choice = 0;
  let at = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const steps = (): Step[] => view.choices[choice]!.steps;

  function fill(list: Element, items: string[], emptyText: string | undefined): void {
    list.replaceChildren(
      ...(items.length || !emptyText ? items : [emptyText]).map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        if (!items.length) li.className = 'ct-lt-empty';
        return li;
      }),
    );
  }

  function mark(el: Element, on: boolean): void {
    el.classList.toggle('ct-lt-current', on);
    if (on) el.setAttribute('aria-current', 'step');
    else el.removeAttribute('aria-current');
  }

  function show(index: number): void {
    const all = steps();
    at = Math.max(0, Math.min(index, all.length - 1));
    const step = all[at]!;
    for (const li of code.children) mark(li, Number((li as HTMLElement).dataset.line) === step.line);
    fill(q('[data-lt-list="stack"]'), step.stack, 'empty');
    fill(q('[data-lt-list="nextTicks"]'), step.nextTicks, 'empty');
    fill(q('[data-lt-list="microtasks"]'), step.microtasks, 'empty');
    for (const phase of PHASES) {
      fill(q(`[data-lt-list="${phase}"]`), step.phases[phase], undefined);
      mark(q(`[data-lt-phase="${phase}"]`), step.phase === phase);
    }
    q('[data-lt-output]').textContent = step.output.join('\n');
    q('[data-lt-count]').textContent = `Step ${at + 1} of ${all.length}`;
    say.textContent = step.say;
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-lt-go]')) {
      const go = button.dataset.ltGo;
      button.disabled = go === 'start' || go === 'back' ? at === 0 : at === all.length - 1;
    }
    if (at === all.length - 1) stop();
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    play.innerHTML = '<span aria-hidden="true">▶</span> Play';
  }

  function start(): void {
    if (at === steps().length - 1) show(0);
    timer = setInterval(() => show(at + 1), Number(speed.value));
    play.innerHTML = '<span aria-hidden="true">❚❚</span> Pause';
  }

  const toggle = () => (timer === undefined ? start() : stop());
  const go: Record<string, () => void> = {
    start: () => show(0),
    back: () => show(at - 1),
    forward: () => show(at + 1),
    end: () => show(steps().length - 1),
  };

  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-lt-go]')) {
    button.addEventListener('click', () => {
      stop();
      go[button.dataset.ltGo!]!();
    });
  }
  play.addEventListener('click', toggle);
  speed.addEventListener('change', () => {
    if (timer !== undefined) {
      stop();
      start();
    }
  });
  for (const radio of root.querySelectorAll<HTMLInputElement>('[data-lt-choice]')) {
    radio.disabled = false;
    radio.addEventListener('change', () => {
      stop();
      choice = Number(radio.value);
      show(0);
    });
  }
  const KEYS: Record<string, () => void> = { ArrowLeft: go.back!, ArrowRight: go.forward!, Home: go.start!, End: go.end!, ' ': toggle };
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    // Controls keep their own keys: a select's and a radio group's arrows, a button's Space.
    if (target.matches('select, input') || (target.matches('button') && event.key === ' ')) return;
    const action = KEYS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (event.key !== ' ') stop();
    action();
  });

  play.disabled = false;
  speed.disabled = false;
  show(0);
}
