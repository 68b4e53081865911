import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Worker as RealWorker } from 'node:worker_threads';

// Every Worker the learner's code creates is recorded (node:worker_threads is replaced by a copy whose Worker
// notes each instance and when its 'exit' event fires), so the checks read events, never the clock.
interface Tracked {
  worker: RealWorker;
  exited: boolean;
  exit: Promise<number>;
}
const tracker = vi.hoisted(() => ({ workers: [] as Tracked[] }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class TrackedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      // Registered before any listener of the learner's, so `exited` is already true when theirs run.
      let markExited: (code: number) => void = () => {};
      const entry: Tracked = { worker: this, exited: false, exit: new Promise<number>((resolve) => (markExited = resolve)) };
      this.once('exit', (code) => {
        entry.exited = true;
        markExited(code);
      });
      tracker.workers.push(entry);
    }
  }
  return { ...real, Worker: TrackedWorker, default: { ...real, Worker: TrackedWorker } };
});

import { runInWorker } from '#subject/run-in-worker.ts';

/** The value itself, or `words` when it has the expected form: a failure then shows words, never a pattern. */
const inForm = (value: unknown, pattern: RegExp, words: string): unknown => (typeof value === 'string' && pattern.test(value) ? words : value);

afterEach(async () => {
  // A worker left running by one test must not run into the next one.
  await Promise.all(tracker.workers.splice(0).map((t) => t.worker.terminate()));
});

const script = (name: string) => new URL(`./subject/support/${name}.mjs`, import.meta.url);

interface State {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
  /** Whether every worker created so far had emitted 'exit' at the moment the promise settled. */
  allExitedWhenSettled?: boolean;
}
function track(promise: Promise<unknown>): State {
  const s: State = { state: 'pending' };
  promise.then(
    (value) => Object.assign(s, { state: 'resolved', value, allExitedWhenSettled: tracker.workers.every((t) => t.exited) }),
    (reason: unknown) => Object.assign(s, { state: 'rejected', reason, allExitedWhenSettled: tracker.workers.every((t) => t.exited) }),
  );
  return s;
}

/** Lets the event loop go round `n` times (real setImmediate turns; nothing is timed). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits for `promise`, failing with `message` if it is still pending after `ms` ms: a hang detector. */
async function within<T>(promise: Promise<T>, message: string, ms = 4000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const describeOutcome = (s: State) =>
  s.state === 'pending'
    ? 'still pending'
    : s.state === 'resolved'
      ? `resolved with ${JSON.stringify(s.value)}`
      : `rejected with ${s.reason instanceof Error ? `${s.reason.name}: ${s.reason.message}` : String(s.reason)}`;

/** Waits (at most 4 s) for the promise, then describes how it settled. */
async function outcome(promise: Promise<unknown>, what: string): Promise<State> {
  const s = track(promise);
  await within(
    promise.then(
      () => {},
      () => {},
    ),
    `${what} never settled`,
  );
  return s;
}

describe('1. Resolve with the first reply', () => {
  test('resolves with the square of the input, computed by square.mjs in a worker', async () => {
    const s = await outcome(runInWorker(script('square'), 7), 'runInWorker(square.mjs, 7)');
    expect(describeOutcome(s), 'how runInWorker(square.mjs, 7) settled').toBe('resolved with 49');
  });

  test('runs several calls side by side, each with its own input', async () => {
    const all = Promise.all([1, 2, 3].map((n) => runInWorker<number>(script('square'), n)));
    all.catch(() => {}); // a rejection is reported by the await below
    expect(tracker.workers.length, 'workers started by three calls made one after the other, before awaiting any').toBe(3);
    const got = await within(all, 'the three calls did not all settle');
    expect(got, 'results of runInWorker(square.mjs, 1 / 2 / 3)').toEqual([1, 4, 9]);
  });

  test('resolves with the first message when the worker posts two', async () => {
    const s = await outcome(runInWorker(script('chatty'), 'hi'), "runInWorker(chatty.mjs, 'hi')");
    expect(describeOutcome(s), "how runInWorker(chatty.mjs, 'hi') settled").toBe('resolved with "first reply to hi"');
  });
});

describe('2. Reject when the worker throws', () => {
  test("rejects with the worker's own error (its 'error' event)", async () => {
    const s = await outcome(runInWorker(script('crash'), -1), 'runInWorker(crash.mjs, -1)');
    expect(describeOutcome(s), 'how runInWorker(crash.mjs, -1) settled').toBe('rejected with RangeError: cannot square -1');
  });
});

describe('3. Reject when the worker exits without replying', () => {
  for (const code of [3, 0]) {
    test(`rejects with an Error naming the exit code when the worker exits with code ${code}`, async () => {
      const s = track(runInWorker(script('quit'), code));
      expect(tracker.workers.length, `workers started by runInWorker(quit.mjs, ${code})`).toBe(1);
      const [worker] = tracker.workers;
      const exitCode = await within(worker!.exit, 'the quit.mjs worker did not exit');
      expect(exitCode, 'the exit code of quit.mjs').toBe(code);
      // The promise must settle from the 'exit' event itself; a few turns of the loop are plenty.
      await turns(5);
      expect(
        inForm(describeOutcome(s), /^rejected with /, 'rejected (with an error)'),
        `how runInWorker(quit.mjs, ${code}) had settled, a few loop turns after the worker exited with code ${code} ` +
          "without replying (listen for the 'exit' event: no message will ever come)",
      ).toBe('rejected (with an error)');
      // The code must appear as a whole number: "code 30" does not name code 3, nor "code 10" code 0.
      const message = (s.reason as Error).message;
      const numbers: string[] = message.match(/\d+/g) ?? [];
      expect(
        numbers.includes(String(code)) ? `names exit code ${code}` : `names ${numbers.join(', ') || 'no number'}`,
        `the exit code in the message of the error runInWorker(quit.mjs, ${code}) rejected with ("${message}")`,
      ).toBe(`names exit code ${code}`);
    });
  }
});

describe('4. Leave no worker behind', () => {
  test('starts exactly one worker per call', async () => {
    await outcome(runInWorker(script('square'), 5), 'runInWorker(square.mjs, 5)');
    expect(tracker.workers.length, 'workers created by one call of runInWorker').toBe(1);
  });

  test('the worker has exited by the time the promise resolves', async () => {
    const s = await outcome(runInWorker(script('square'), 6), 'runInWorker(square.mjs, 6)');
    expect(describeOutcome(s), 'how runInWorker(square.mjs, 6) settled').toBe('resolved with 36');
    expect(
      s.allExitedWhenSettled ? 'exited' : 'still running',
      "the worker when the promise resolved (had its 'exit' event fired?). square.mjs keeps listening after its " +
        'reply: stop it with worker.terminate() and wait for the promise terminate() returns',
    ).toBe('exited');
  });

  test('a worker that replied twice has exited by the time the promise resolves', async () => {
    const s = await outcome(runInWorker(script('chatty'), 'x'), "runInWorker(chatty.mjs, 'x')");
    expect(s.allExitedWhenSettled ? 'exited' : 'still running', 'the chatty.mjs worker when the promise resolved').toBe('exited');
  });
});
