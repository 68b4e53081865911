// "Listen" as the learner drives it (play, pause, resume, stop, speed) against a fake speech engine that finishes
// or fails each utterance when the test says so, as speechSynthesis would.
import { describe, expect, test } from 'vitest';
import { RATES, createListenController, type ListenState, type SpeechCallbacks, type SpeechEngine, type Utterance } from '../../src/components/listen/controller.ts';

function fakeEngine() {
  const spoken: { text: string; rate: number; callbacks: SpeechCallbacks }[] = [];
  let cancels = 0;
  const engine: SpeechEngine = {
    speak: (text, rate, callbacks) => void spoken.push({ text, rate, callbacks }),
    cancel: () => {
      cancels++;
      // Browsers report the utterance they cut off as "interrupted".
      spoken.at(-1)?.callbacks.onError('interrupted');
    },
  };
  return {
    engine,
    spoken,
    texts: () => spoken.map((s) => s.text),
    cancels: () => cancels,
    finishCurrent: () => spoken.at(-1)!.callbacks.onEnd(),
    failCurrent: (error: string) => spoken.at(-1)!.callbacks.onError(error),
  };
}

const UTTERANCES: Utterance[] = [
  { text: 'The event loop', block: 0 },
  { text: 'First sentence.', block: 1 },
  { text: 'Second sentence.', block: 1 },
  { text: 'Last words.', block: 2 },
];

function setup(utterances = UTTERANCES) {
  const fake = fakeEngine();
  const changes: ListenState[] = [];
  const controller = createListenController(fake.engine, utterances, { onChange: (s) => changes.push(s) });
  return { ...fake, controller, changes };
}

describe('the Listen controller', () => {
  test('play reads the pieces one after another, then returns to idle', () => {
    const { controller, texts, finishCurrent, changes } = setup();
    controller.play();
    expect(controller.state).toMatchObject({ status: 'playing', index: 0, block: 0 });
    expect(texts()).toEqual(['The event loop']);
    finishCurrent();
    finishCurrent();
    expect(controller.state).toMatchObject({ status: 'playing', index: 2, block: 1 });
    finishCurrent();
    finishCurrent();
    expect(texts()).toEqual(UTTERANCES.map((u) => u.text));
    expect(controller.state).toMatchObject({ status: 'idle', index: 0, block: undefined, problem: undefined });
    expect(changes.at(-1)?.status).toBe('idle');
  });

  test('pause stops speaking; resume starts the same piece again', () => {
    const { controller, texts, finishCurrent, cancels } = setup();
    controller.play();
    finishCurrent();
    controller.toggle();
    expect(controller.state).toMatchObject({ status: 'paused', index: 1, block: 1 });
    expect(cancels()).toBeGreaterThan(0);
    // The "interrupted" error of the cut-off piece does not move or stop anything.
    expect(controller.state.status).toBe('paused');
    controller.toggle();
    expect(controller.state).toMatchObject({ status: 'playing', index: 1 });
    expect(texts()).toEqual(['The event loop', 'First sentence.', 'First sentence.']);
  });

  test('stop goes back to the start', () => {
    const { controller, texts, finishCurrent } = setup();
    controller.play();
    finishCurrent();
    controller.stop();
    expect(controller.state).toMatchObject({ status: 'idle', index: 0 });
    controller.play();
    expect(texts().at(-1)).toBe('The event loop');
  });

  test('a new speed applies at once: the current piece starts again at that rate', () => {
    const { controller, spoken, finishCurrent } = setup();
    expect(RATES).toContain(0.75);
    expect(RATES).toContain(2);
    controller.play();
    finishCurrent();
    controller.setRate(1.5);
    expect(spoken.at(-1)).toMatchObject({ text: 'First sentence.', rate: 1.5 });
    expect(controller.state).toMatchObject({ status: 'playing', rate: 1.5, index: 1 });
    finishCurrent();
    expect(spoken.at(-1)).toMatchObject({ text: 'Second sentence.', rate: 1.5 });
  });

  test('while paused, a new speed is kept for when reading resumes', () => {
    const { controller, spoken } = setup();
    controller.play();
    controller.pause();
    const count = spoken.length;
    controller.setRate(0.75);
    expect(spoken.length).toBe(count);
    controller.play();
    expect(spoken.at(-1)).toMatchObject({ text: 'The event loop', rate: 0.75 });
  });

  test('events of a piece that was cut off are ignored', () => {
    const { controller, spoken, finishCurrent } = setup();
    controller.play();
    const first = spoken[0]!;
    controller.pause();
    controller.play();
    first.callbacks.onEnd();
    expect(controller.state.index).toBe(0);
    finishCurrent();
    expect(controller.state.index).toBe(1);
  });

  test('an engine failure stops reading and says why', () => {
    const { controller, failCurrent } = setup();
    controller.play();
    failCurrent('synthesis-failed');
    expect(controller.state.status).toBe('idle');
    expect(controller.state.problem).toMatch(/could not read this aloud.*synthesis-failed/);
    controller.play();
    expect(controller.state).toMatchObject({ status: 'playing', problem: undefined });
  });

  test('speech cut off from outside (another page) leaves the reader paused where it was', () => {
    const { controller, finishCurrent, failCurrent } = setup();
    controller.play();
    finishCurrent();
    failCurrent('interrupted');
    expect(controller.state).toMatchObject({ status: 'paused', index: 1 });
  });

  test('with nothing to read, play does nothing', () => {
    const { controller, spoken } = setup([]);
    controller.play();
    expect(controller.state.status).toBe('idle');
    expect(spoken).toEqual([]);
  });
});
