import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { withDeadline } from '#subject/deadline.ts';

// Virtual time only: vi.advanceTimersByTimeAsync moves the fake clock and runs the microtasks in between.
// AbortSignal.timeout runs on a timer of Node's own that the fake clock cannot move, so while the clock is fake it
// is replaced by an equivalent built on the (faked) global setTimeout: same DOMException named TimeoutError, timer
// unref'd as Node's is. A solution built on AbortSignal.timeout is graded like one built on setTimeout.
const timeoutTimers = new Set<unknown>();
beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      timeoutTimers.delete(timer);
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, ms);
    timer.unref();
    timeoutTimers.add(timer);
    return controller.signal;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  timeoutTimers.clear();
  vi.useRealTimers();
});

/**
 * Pending timers that would keep a real process alive: every fake timer except those behind AbortSignal.timeout,
 * which Node unrefs and nobody can clear.
 */
const liveTimers = () => vi.getTimerCount() - timeoutTimers.size;

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

/**
 * A task the grader controls: it records the signal it got, and when that signal aborted (in virtual ms since
 * the task was made), and settles when told to (or never).
 */
function controlledTask<T>() {
  const start = Date.now();
  const seen: { calls: number; signal?: AbortSignal; abortedAt?: number } = { calls: 0 };
  let settle: { resolve: (v: T) => void; reject: (e: unknown) => void } | undefined;
  const task = (signal: AbortSignal) => {
    seen.calls++;
    seen.signal = signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) seen.abortedAt = Date.now() - start;
      else signal.addEventListener('abort', () => (seen.abortedAt = Date.now() - start), { once: true });
    }
    return new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  const current = () => {
    if (!settle) throw new Error('withDeadline never called the task, so the grader cannot make it settle');
    return settle;
  };
  return { task, seen, settle: current };
}

/** Calls withDeadline the way a caller would: it must return a promise, not throw. */
function call<T>(what: string, run: () => Promise<T>): Tracked {
  let promise: unknown;
  expect(() => {
    promise = run();
  }, `${what} should return a promise, not throw`).not.toThrow();
  expect(promise, `what ${what} returned`).toBeInstanceOf(Promise);
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

/** What happened to the task's signal: "aborted at 200 ms with TimeoutError" or "never aborted". */
function signalStory(seen: { signal?: AbortSignal; abortedAt?: number }): string {
  if (!seen.signal) return 'no signal was given to the task';
  if (seen.abortedAt === undefined) return 'never aborted';
  const reason = seen.signal.reason as { name?: unknown } | undefined;
  return `aborted at ${seen.abortedAt} ms with ${typeof reason?.name === 'string' ? reason.name : String(reason)}`;
}

describe('1. Pass a signal to the task and return its result', () => {
  test('calls the task once, straight away, with an AbortSignal', () => {
    const { task, seen } = controlledTask<string>();
    call('withDeadline(task, 1000)', () => withDeadline(task, 1000));
    expect(seen.calls, 'how many times the task was called, right after withDeadline returned').toBe(1);
    expect(seen.signal, 'the argument the task was called with').toBeInstanceOf(AbortSignal);
    expect(signalStory(seen), 'the signal given to the task, right after withDeadline returned').toBe('never aborted');
  });

  test('resolves with the task\'s value and clears the deadline\'s timer', async () => {
    const job = call('withDeadline(task, 1000)', () =>
      withDeadline((signal) => new Promise<string>((resolve) => setTimeout(() => resolve(signal.aborted ? 'aborted' : 'done'), 30)), 1000),
    );
    await vi.advanceTimersByTimeAsync(30);
    expect(job.state, 'the state of withDeadline after its task resolved at 30 ms (deadline 1000 ms)').toBe('resolved');
    expect(job.value, 'what withDeadline resolved with').toBe('done');
    expect(
      liveTimers(),
      'timers still pending after the task finished early (the deadline\'s timer must be cleared, or it keeps a real process alive)',
    ).toBe(0);
  });

  test('rejects with the task\'s own error and clears the timer', async () => {
    const { task, settle } = controlledTask<string>();
    const job = call('withDeadline(task, 1000)', () => withDeadline(task, 1000));
    const boom = new Error('disk full');
    settle().reject(boom);
    await vi.advanceTimersByTimeAsync(0);
    expect(job.state, 'the state of withDeadline after its task rejected').toBe('rejected');
    expect(sameReason(job.reason, boom), 'what it rejected with').toBe(describeReason(boom));
    expect(liveTimers(), 'timers still pending after the task failed').toBe(0);
  });
});

describe('2. Reject with a TimeoutError at the deadline', () => {
  test('rejects with a TimeoutError DOMException at exactly ms, even if the task ignores its signal', async () => {
    const { task } = controlledTask<string>();
    const job = call('withDeadline(neverEndingTask, 500)', () => withDeadline(task, 500));
    await vi.advanceTimersByTimeAsync(499);
    expect(job.state, 'the state after 499 ms with a 500 ms deadline').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(job.state, 'the state at the 500 ms deadline, with a task that never settles').toBe('rejected');
    expect(job.reason, `what it rejected with: ${describeReason(job.reason)}`).toBeInstanceOf(DOMException);
    expect((job.reason as DOMException).name, 'the name of the DOMException it rejected with').toBe('TimeoutError');
  });

  test('aborts the task\'s signal at the deadline, with the same reason', async () => {
    const { task, seen } = controlledTask<string>();
    const job = call('withDeadline(task, 200)', () => withDeadline(task, 200));
    await vi.advanceTimersByTimeAsync(200);
    expect(
      signalStory(seen),
      'what happened to the signal the task was given, with a 200 ms deadline (the task must be told to stop, not just abandoned)',
    ).toBe('aborted at 200 ms with TimeoutError');
    expect(
      sameReason(seen.signal?.reason, job.reason),
      "the task's signal.reason: it should be the very value withDeadline rejected with",
    ).toBe(describeReason(job.reason));
    expect(liveTimers(), 'timers pending after the deadline passed').toBe(0);
  });

  test('a task that stops on abort still makes withDeadline reject with the TimeoutError', async () => {
    const job = call('withDeadline(listeningTask, 300)', () =>
      withDeadline(
        (signal) =>
          new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('task stopped')), { once: true })),
        300,
      ),
    );
    await vi.advanceTimersByTimeAsync(300);
    expect(job.state, 'the state at the deadline').toBe('rejected');
    expect((job.reason as { name?: unknown }).name, `the error's name (it rejected with ${describeReason(job.reason)})`).toBe('TimeoutError');
  });

  test('the deadline also works when the caller passes a signal that never aborts', async () => {
    const { task, seen } = controlledTask<string>();
    const job = call('withDeadline(task, 100, callerSignal)', () => withDeadline(task, 100, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(100);
    expect(job.state, 'the state at the 100 ms deadline').toBe('rejected');
    expect((job.reason as { name?: unknown }).name, 'the name of the rejection reason').toBe('TimeoutError');
    expect(signalStory(seen), 'what happened to the task\'s signal, with a 100 ms deadline and a caller\'s signal that never aborts').toBe(
      'aborted at 100 ms with TimeoutError',
    );
  });
});

describe("3. Honour the caller's signal too", () => {
  test('aborting the caller\'s signal aborts the task\'s signal and rejects with the caller\'s reason', async () => {
    const { task, seen } = controlledTask<string>();
    const controller = new AbortController();
    const job = call('withDeadline(task, 10_000, controller.signal)', () => withDeadline(task, 10_000, controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error('client went away');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(signalStory(seen), 'what happened to the task\'s signal when the caller aborted at 100 ms').toBe('aborted at 100 ms with Error');
    expect(sameReason(seen.signal?.reason, reason), "the task's signal.reason").toBe(describeReason(reason));
    expect(job.state, 'the state of withDeadline right after the caller aborted (task ignoring its signal)').toBe('rejected');
    expect(sameReason(job.reason, reason), 'what it rejected with').toBe(describeReason(reason));
  });

  test('clears the deadline\'s timer when the caller aborts', async () => {
    const { task } = controlledTask<string>();
    const controller = new AbortController();
    call('withDeadline(task, 10_000, controller.signal)', () => withDeadline(task, 10_000, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(liveTimers(), 'timers still pending after the caller aborted (the 10 s deadline timer must go)').toBe(0);
  });

  test('rejects without calling the task when the caller\'s signal is already aborted', async () => {
    const { task, seen } = controlledTask<string>();
    const reason = new Error('cancelled before it began');
    const job = call('withDeadline(task, 1000, AbortSignal.abort(reason))', () => withDeadline(task, 1000, AbortSignal.abort(reason)));
    await vi.advanceTimersByTimeAsync(0);
    expect(job.state, 'the state with an already aborted caller signal, before any time passed').toBe('rejected');
    expect(sameReason(job.reason, reason), 'what it rejected with').toBe(describeReason(reason));
    expect(seen.calls, 'how many times the task was called with an already aborted caller signal').toBe(0);
    expect(liveTimers(), 'timers pending with an already aborted caller signal').toBe(0);
  });

  test('a task that finishes first is not disturbed by a later abort', async () => {
    const controller = new AbortController();
    const job = call('withDeadline(task, 1000, controller.signal)', () =>
      withDeadline(() => new Promise<number>((resolve) => setTimeout(() => resolve(42), 20)), 1000, controller.signal),
    );
    await vi.advanceTimersByTimeAsync(20);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect([job.state, job.value], 'the state and value after the task resolved at 20 ms and the caller aborted later').toEqual(['resolved', 42]);
  });

  test('leaves no listener on the caller\'s signal, however the call ends', async () => {
    // One long-lived signal (say, a server's) shared by many calls: a listener left on it by each call piles up.
    const caller = new AbortController();
    const listeners = () => getEventListeners(caller.signal, 'abort').length;
    const after: string[] = [];
    const resolved = call('withDeadline(quickTask, 1000, signal)', () =>
      withDeadline(() => new Promise<string>((resolve) => setTimeout(() => resolve('ok'), 10)), 1000, caller.signal),
    );
    await vi.advanceTimersByTimeAsync(10);
    after.push(`after a call that resolved (${resolved.state}): ${listeners()}`);
    const failed = call('withDeadline(failingTask, 1000, signal)', () =>
      withDeadline(() => new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no')), 10)), 1000, caller.signal),
    );
    await vi.advanceTimersByTimeAsync(10);
    after.push(`after a call that rejected (${failed.state}): ${listeners()}`);
    const late = call('withDeadline(neverEndingTask, 50, signal)', () => withDeadline(() => new Promise<string>(() => {}), 50, caller.signal));
    await vi.advanceTimersByTimeAsync(50);
    after.push(`after a call that hit its deadline (${late.state}): ${listeners()}`);
    expect(
      after.join('; '),
      'abort listeners left on the caller\'s signal after each call settled: remove the one you added (AbortSignal.any adds none you must remove)',
    ).toBe(
      'after a call that resolved (resolved): 0; after a call that rejected (rejected): 0; after a call that hit its deadline (rejected): 0',
    );
  });
});
