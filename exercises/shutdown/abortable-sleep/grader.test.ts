import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { sleep } from '#subject/sleep.ts';

// Virtual time: vi.advanceTimersByTimeAsync moves the fake clock and runs the microtasks in between. Nothing
// here measures real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

interface Tracked {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
}

/** Watches a promise without letting a rejection go unhandled. */
function track(promise: Promise<unknown>): Tracked {
  const t: Tracked = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (reason: unknown) => Object.assign(t, { state: 'rejected', reason }),
  );
  return t;
}

/** Calls sleep the way a caller would: it must return a promise, not throw. */
function callSleep(ms: number, signal?: AbortSignal): Tracked {
  let promise: unknown;
  expect(() => {
    promise = signal ? sleep(ms, signal) : sleep(ms);
  }, `sleep(${ms}) should return a promise, not throw`).not.toThrow();
  expect(promise, `what sleep(${ms}) returned`).toBeInstanceOf(Promise);
  return track(promise as Promise<unknown>);
}

const describeReason = (reason: unknown) =>
  reason instanceof Error || reason instanceof DOMException ? `${reason.name}: ${reason.message}` : String(reason);

/** What a promise rejected with, as text; "(a different error with the same text)" when it is not the very object expected. */
const sameReason = (actual: unknown, expected: unknown) =>
  actual === expected
    ? describeReason(expected)
    : describeReason(actual) === describeReason(expected)
      ? `${describeReason(actual)} (a different error with the same text, not the one expected)`
      : describeReason(actual);

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('1. Resolve after ms milliseconds', () => {
  test('resolves after exactly ms of (fake) time, not before', async () => {
    const nap = callSleep(100);
    await vi.advanceTimersByTimeAsync(99);
    expect(nap.state, 'the state of sleep(100) after 99 ms').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(nap.state, 'the state of sleep(100) after 100 ms').toBe('resolved');
    expect(nap.value, 'what sleep(100) resolved with').toBeUndefined();
  });

  test('resolves after ms when given a signal that never aborts', async () => {
    const controller = new AbortController();
    const nap = callSleep(250, controller.signal);
    await vi.advanceTimersByTimeAsync(249);
    expect(nap.state, 'the state of sleep(250, signal) after 249 ms').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(nap.state, 'the state of sleep(250, signal) after 250 ms, the signal never aborted').toBe('resolved');
  });

  test('two sleeps run side by side', async () => {
    const short = callSleep(10);
    const long = callSleep(30);
    await vi.advanceTimersByTimeAsync(10);
    expect([short.state, long.state], 'the states of sleep(10) and sleep(30) after 10 ms').toEqual(['resolved', 'pending']);
    await vi.advanceTimersByTimeAsync(20);
    expect(long.state, 'the state of sleep(30) after 30 ms').toBe('resolved');
  });
});

describe("2. Reject with the signal's reason when it aborts", () => {
  test('rejects at once with the default reason, a DOMException named AbortError', async () => {
    const controller = new AbortController();
    const nap = callSleep(1000, controller.signal);
    await vi.advanceTimersByTimeAsync(40);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(nap.state, 'the state of sleep(1000, signal) right after controller.abort() at 40 ms').toBe('rejected');
    expect(
      sameReason(nap.reason, controller.signal.reason),
      'what sleep rejected with: it should reject with signal.reason itself (a DOMException named AbortError)',
    ).toBe(describeReason(controller.signal.reason));
  });

  test('rejects with a custom reason passed to abort(reason)', async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl+C');
    const nap = callSleep(1000, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(nap.state, 'the state of the sleep right after controller.abort(reason)').toBe('rejected');
    expect(
      sameReason(nap.reason, reason),
      'what sleep rejected with: it should reject with the reason given to abort(), Error: user pressed Ctrl+C',
    ).toBe(describeReason(reason));
  });

  test('an abort after the sleep has resolved changes nothing', async () => {
    const controller = new AbortController();
    const nap = callSleep(20, controller.signal);
    await vi.advanceTimersByTimeAsync(20);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(nap.state, 'the state of sleep(20, signal) aborted at 20 ms, after it resolved').toBe('resolved');
  });
});

describe('3. Reject right away when the signal is already aborted', () => {
  test('rejects without waiting when the signal was aborted before the call', async () => {
    const reason = new Error('too late');
    const signal = AbortSignal.abort(reason);
    const nap = callSleep(1000, signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(
      nap.state,
      'the state of sleep(1000, alreadyAbortedSignal) before any time passed (an aborted signal never fires "abort" again, so check signal.aborted first)',
    ).toBe('rejected');
    expect(sameReason(nap.reason, reason), 'what it rejected with').toBe(describeReason(reason));
  });

  test('starts no timer and adds no listener for an already aborted signal', async () => {
    const signal = AbortSignal.abort();
    const nap = callSleep(1000, signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(nap.state, 'the state of sleep(1000, AbortSignal.abort())').toBe('rejected');
    expect(vi.getTimerCount(), 'timers pending after sleep(1000, AbortSignal.abort())').toBe(0);
    expect(abortListeners(signal), 'abort listeners left on the already aborted signal').toBe(0);
  });
});

describe('4. Leave nothing behind', () => {
  test('removes its abort listener when it resolves', async () => {
    const controller = new AbortController();
    const nap = callSleep(50, controller.signal);
    await vi.advanceTimersByTimeAsync(50);
    expect(nap.state, 'the state of sleep(50, signal) after 50 ms').toBe('resolved');
    expect(
      abortListeners(controller.signal),
      'abort listeners still on the signal after the sleep resolved (remove yours with removeEventListener; { once: true } only removes it if it fires)',
    ).toBe(0);
  });

  test('ten sleeps on one long-lived signal leave no listeners on it', async () => {
    const controller = new AbortController();
    const naps = Array.from({ length: 10 }, (_, i) => callSleep(10 * (i + 1), controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    expect(naps.map((n) => n.state), 'the states of ten sleeps of 10..100 ms after 100 ms').toEqual(Array(10).fill('resolved'));
    expect(abortListeners(controller.signal), 'abort listeners left on the shared signal after all ten sleeps resolved').toBe(0);
  });

  test('clears its timer and listener when aborted', async () => {
    const controller = new AbortController();
    const nap = callSleep(60_000, controller.signal);
    await vi.advanceTimersByTimeAsync(5);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(nap.state, 'the state of the sleep after the abort').toBe('rejected');
    expect(
      vi.getTimerCount(),
      'timers still pending after the sleep was aborted (a 60 s timer left running would keep a real process alive for a minute)',
    ).toBe(0);
    expect(abortListeners(controller.signal), 'abort listeners left on the signal after the abort').toBe(0);
  });

  test('leaves no timer after resolving', async () => {
    callSleep(30);
    await vi.advanceTimersByTimeAsync(30);
    expect(vi.getTimerCount(), 'timers pending after sleep(30) resolved').toBe(0);
  });
});
