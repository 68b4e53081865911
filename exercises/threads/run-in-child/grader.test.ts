import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { runInChild } from '#subject/run-in-child.ts';
import { ChildFailedError } from '#support/child-error.ts';

// Every child process the learner's code starts is recorded (node:child_process is replaced by a copy whose fork
// and spawn note each child and when its 'exit' event fires). The deadline runs on Vitest's fake clock; the
// children themselves are real processes, and the checks wait for their events, never for the clock.
interface Tracked {
  child: ChildProcess;
  exited: boolean;
  exit: Promise<void>;
}
const tracker = vi.hoisted(() => ({ children: [] as Tracked[] }));
vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:child_process')>();
  const record = (child: ChildProcess) => {
    // Registered before any listener of the learner's, so `exited` is already true when theirs run.
    let markExited: () => void = () => {};
    const entry: Tracked = { child, exited: false, exit: new Promise<void>((resolve) => (markExited = resolve)) };
    child.once('exit', () => {
      entry.exited = true;
      markExited();
    });
    tracker.children.push(entry);
    return child;
  };
  const fork = ((...args: Parameters<typeof real.fork>) => record(real.fork(...args))) as typeof real.fork;
  const spawn = ((...args: Parameters<typeof real.spawn>) => record(real.spawn(...args))) as typeof real.spawn;
  return { ...real, fork, spawn, default: { ...real, fork, spawn } };
});

// Real timers for the hang detector, taken before any test fakes the clock.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(async () => {
  vi.useRealTimers();
  // A child left running by one test must not outlive it.
  const left = tracker.children.splice(0).filter((t) => !t.exited);
  for (const t of left) t.child.kill('SIGKILL');
  await Promise.all(left.map((t) => t.exit));
});

const script = (name: string) => new URL(`./subject/support/${name}.mjs`, import.meta.url);

/** Waits for `promise`, failing with `message` if it is still pending after `ms` real ms: a hang detector. */
async function within<T>(promise: Promise<T>, message: string, ms = 4000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    realClearTimeout(timer);
  }
}

/** Lets the event loop go round `n` times (setImmediate is not faked). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface State {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
  /** Whether every child started so far had emitted 'exit' when the promise settled. */
  allExitedWhenSettled?: boolean;
}

/** Calls runInChild as a caller would (it must return a promise, not throw) and follows the promise. */
function start(name: string, input: number, options?: { timeoutMs: number }): { state: State; done: Promise<void> } {
  let promise: Promise<unknown> | undefined;
  const what = `runInChild(${name}.mjs, ${input}${options ? `, { timeoutMs: ${options.timeoutMs} }` : ''})`;
  expect(() => {
    promise = options ? runInChild(script(name), input, options) : runInChild(script(name), input);
  }, `${what} should return a promise, not throw`).not.toThrow();
  expect(promise, `what ${what} returned`).toBeInstanceOf(Promise);
  const state: State = { state: 'pending' };
  const exitedNow = () => tracker.children.every((t) => t.exited);
  const done = promise!.then(
    (value) => void Object.assign(state, { state: 'resolved', value, allExitedWhenSettled: exitedNow() }),
    (reason: unknown) => void Object.assign(state, { state: 'rejected', reason, allExitedWhenSettled: exitedNow() }),
  );
  return { state, done };
}

const describeState = (s: State) =>
  s.state === 'pending'
    ? 'still pending'
    : s.state === 'resolved'
      ? `resolved with ${JSON.stringify(s.value)}`
      : `rejected with ${s.reason instanceof Error ? `${s.reason.name}: ${s.reason.message}` : String(s.reason)}`;

interface Failure {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
}

/** Checks that the call rejected with a ChildFailedError carrying `expected`, one field at a time. */
function expectFailure(state: State, what: string, expected: Failure): void {
  const kind = state.state === 'rejected' && state.reason instanceof ChildFailedError ? 'rejected with a ChildFailedError' : describeState(state);
  expect(kind, `how ${what} had settled`).toBe('rejected with a ChildFailedError');
  const error = state.reason as ChildFailedError;
  expect(error.code, `error.code for ${what}`).toBe(expected.code);
  expect(error.signal, `error.signal for ${what}`).toBe(expected.signal);
  expect(error.timedOut, `error.timedOut for ${what}`).toBe(expected.timedOut);
}

/** The one child the call started, after checking there is exactly one. */
function onlyChild(what: string): Tracked {
  expect(tracker.children.length, `child processes started by ${what}`).toBe(1);
  return tracker.children[0]!;
}

/** Waits until the child has exited, then a few loop turns: by then a correct runInChild has settled. */
async function afterExit(name: string, input: number): Promise<State> {
  const what = `runInChild(${name}.mjs, ${input})`;
  const { state } = start(name, input);
  const child = onlyChild(what);
  await within(child.exit, `the ${name}.mjs child never exited`);
  await turns(5);
  return state;
}

describe('1. Run a script in a child process', () => {
  test('resolves with the reply of double.mjs, once the child has exited', async () => {
    const { state, done } = start('double', 21);
    expect(vi.getTimerCount(), 'timers scheduled by runInChild(double.mjs, 21) without timeoutMs: no deadline, no timer').toBe(0);
    await within(done, 'runInChild(double.mjs, 21) never settled');
    expect(describeState(state), 'how runInChild(double.mjs, 21) settled').toBe('resolved with 42');
    expect(
      state.allExitedWhenSettled ? 'exited' : 'still running',
      "the child when the promise resolved (had its 'exit' event fired?). double.mjs keeps serving while you stay " +
        "connected: disconnect (or kill) it after its reply, and resolve from the 'exit' event",
    ).toBe('exited');
  });

  test('a reply of 0 is still a reply: runInChild(double.mjs, 0) resolves with 0', async () => {
    const { state, done } = start('double', 0);
    await within(done, 'runInChild(double.mjs, 0) never settled');
    expect(
      describeState(state),
      'how runInChild(double.mjs, 0) settled. double.mjs replied 0: falsy, but a reply all the same. Remember that a ' +
        'reply came with a flag or a wrapper object ({ value }), not by testing the reply itself with if (reply)',
    ).toBe('resolved with 0');
  });

  test('starts one child per call, each call at once', async () => {
    const calls = [1, 2].map((n) => start('double', n));
    expect(tracker.children.length, 'child processes started by two calls made one after the other').toBe(2);
    await within(Promise.all(calls.map((c) => c.done)), 'the two calls did not both settle');
    expect(calls.map((c) => describeState(c.state)), 'results of runInChild(double.mjs, 1) and runInChild(double.mjs, 2)').toEqual([
      'resolved with 2',
      'resolved with 4',
    ]);
  });
});

describe('2. Report how the child failed', () => {
  const cases: [name: string, input: number, expected: Failure, why: string][] = [
    ['exit', 7, { code: 7, signal: null, timedOut: false }, 'it exits with code 7 without replying'],
    ['crash', 1, { code: 1, signal: null, timedOut: false }, 'an uncaught error: Node exits with code 1'],
    ['self-kill', 1, { code: null, signal: 'SIGKILL', timedOut: false }, "killed by SIGKILL: no exit code; the signal is the second argument of 'exit'"],
  ];
  for (const [name, input, expected, why] of cases) {
    test(`${name}.mjs with input ${input} rejects with ChildFailedError { code: ${expected.code}, signal: ${expected.signal} }`, async () => {
      const state = await afterExit(name, input);
      expectFailure(state, `runInChild(${name}.mjs, ${input}), a few loop turns after the child exited (${why})`, expected);
    });
  }
});

describe('3. Kill the child at its deadline', () => {
  test('a child that never replies is killed with SIGTERM at timeoutMs, and the promise rejects after it exits', async () => {
    const { state, done } = start('hang', 1, { timeoutMs: 5000 });
    const child = onlyChild('runInChild(hang.mjs, 1, { timeoutMs: 5000 })');
    await vi.advanceTimersByTimeAsync(4999);
    expect(
      child.exited ? 'exited' : child.child.killed ? 'killed' : 'running',
      'the child 4999 ms into a 5000 ms deadline',
    ).toBe('running');
    expect(describeState(state), 'runInChild(hang.mjs, 1, { timeoutMs: 5000 }) after 4999 ms').toBe('still pending');
    await vi.advanceTimersByTimeAsync(1);
    await within(done, 'runInChild(hang.mjs, 1, { timeoutMs: 5000 }) never settled after its deadline: kill the child with child.kill() (SIGTERM)');
    expectFailure(state, 'runInChild(hang.mjs, 1, { timeoutMs: 5000 }) after its deadline', { code: null, signal: 'SIGTERM', timedOut: true });
    expect(
      state.allExitedWhenSettled ? 'exited' : 'still running',
      "the killed child when the promise rejected: kill() only sends the signal; wait for 'exit'",
    ).toBe('exited');
  });

  test('a child that replies in time leaves no deadline timer behind', async () => {
    const { state, done } = start('double', 4, { timeoutMs: 5000 });
    await within(done, 'runInChild(double.mjs, 4, { timeoutMs: 5000 }) never settled');
    expect(describeState(state), 'how runInChild(double.mjs, 4, { timeoutMs: 5000 }) settled').toBe('resolved with 8');
    expect(vi.getTimerCount(), 'timers still scheduled after the child replied and exited: clear the deadline').toBe(0);
  });

  test('a child that exits cleanly (code 0) without replying rejects, and leaves no timer behind', async () => {
    const { state, done } = start('exit', 0, { timeoutMs: 5000 });
    await within(done, 'runInChild(exit.mjs, 0, { timeoutMs: 5000 }) never settled');
    expectFailure(state, 'runInChild(exit.mjs, 0, { timeoutMs: 5000 }): a clean exit, but no reply', { code: 0, signal: null, timedOut: false });
    expect(vi.getTimerCount(), 'timers still scheduled after the child exited: clear the deadline').toBe(0);
  });
});
