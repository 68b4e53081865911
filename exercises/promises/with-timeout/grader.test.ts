import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { TimeoutError, withTimeout } from '#subject/with-timeout.ts';

// Every delay is a setTimeout on Vitest's fake clock: "time" is virtual milliseconds moved on by the grader, and
// vi.getTimerCount() tells how many timers are still waiting.
chai.config.truncateThreshold = 0;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A promise that resolves with `value` after `ms` virtual milliseconds. */
function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A promise that rejects with `error` after `ms` virtual milliseconds (marked handled, so a solution that ignores it causes no unhandled rejection). */
function failAfter(ms: number, error: Error): Promise<never> {
  const p = new Promise<never>((_, reject) => setTimeout(() => reject(error), ms));
  p.catch(() => {});
  return p;
}

type Outcome = { status: 'pending' } | { status: 'fulfilled'; value: unknown; at: number } | { status: 'rejected'; reason: unknown; at: number };

/** Watches a promise and records how and when (virtual ms after the call) it settled. */
function watch(promise: Promise<unknown>): { readonly outcome: Outcome } {
  const start = Date.now();
  const box: { outcome: Outcome } = { outcome: { status: 'pending' } };
  promise.then(
    (value) => {
      box.outcome = { status: 'fulfilled', value, at: Date.now() - start };
    },
    (reason: unknown) => {
      box.outcome = { status: 'rejected', reason, at: Date.now() - start };
    },
  );
  return box;
}

const describeReason = (reason: unknown) =>
  reason instanceof Error ? `${reason instanceof TimeoutError ? 'a TimeoutError' : `a plain ${reason.constructor.name}`} "${reason.message}"` : String(reason);

const describeOutcome = (o: Outcome) =>
  o.status === 'pending'
    ? 'still pending'
    : o.status === 'fulfilled'
      ? `resolved at ${o.at} ms with ${JSON.stringify(o.value)}`
      : `rejected at ${o.at} ms with ${describeReason(o.reason)}`;

/**
 * Added to a message when no deadline fired by `ms`: the usual cause is a timer the fake clock does not move, such
 * as AbortSignal.timeout (Node runs it on its own internal timers, and it cannot be cleared either).
 */
const noDeadline = (o: Outcome, ms: number) =>
  o.status === 'pending' || o.status === 'fulfilled' || o.at > ms
    ? `. No deadline fired at ${ms} ms on the grader's clock: make the deadline with setTimeout (the global one or ` +
      "the one from node:timers/promises), which the grader's fake clock moves; AbortSignal.timeout runs on Node's " +
      'internal timers, which it cannot move, and its timer cannot be cleared (task 3)'
    : '';

/** Lets pending promise callbacks (such as a finally) run without moving the clock. */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('1. Pass the result through', () => {
  test('resolves with the value when the promise resolves in time', async () => {
    const run = watch(withTimeout(delay(20, 'data'), 100));
    await vi.advanceTimersByTimeAsync(20);
    await flushMicrotasks();
    expect(describeOutcome(run.outcome), "withTimeout(delay(20, 'data'), 100)").toBe('resolved at 20 ms with "data"');
  });

  test('rejects with the same error when the promise rejects in time', async () => {
    const boom = new Error('the work failed');
    const run = watch(withTimeout(failAfter(20, boom), 100));
    await vi.advanceTimersByTimeAsync(20);
    await flushMicrotasks();
    expect(describeOutcome(run.outcome), 'withTimeout(failAfter(20, boom), 100)').toBe('rejected at 20 ms with a plain Error "the work failed"');
    expect(run.outcome.status === 'rejected' && run.outcome.reason, 'the error withTimeout rejected with (the very same object)').toBe(boom);
  });

  test('resolves straight away with an already resolved promise', async () => {
    const run = watch(withTimeout(Promise.resolve(42), 100));
    await flushMicrotasks();
    expect(describeOutcome(run.outcome), 'withTimeout(Promise.resolve(42), 100), before the clock moves').toBe('resolved at 0 ms with 42');
  });
});

describe('2. Reject with a TimeoutError after ms', () => {
  test('is still pending 1 ms before the deadline and rejects exactly at it', async () => {
    const run = watch(withTimeout(delay(500, 'late'), 100));
    await vi.advanceTimersByTimeAsync(99);
    expect(describeOutcome(run.outcome), "withTimeout(delay(500, 'late'), 100) at 99 ms").toBe('still pending');
    await vi.advanceTimersByTimeAsync(1);
    await flushMicrotasks();
    expect(run.outcome.status, `withTimeout(delay(500, 'late'), 100) at 100 ms: ${describeOutcome(run.outcome)}${noDeadline(run.outcome, 100)}`).toBe(
      'rejected',
    );
  });

  test('rejects with an instance of the exported TimeoutError', async () => {
    const run = watch(withTimeout(delay(500, 'late'), 100));
    await vi.advanceTimersByTimeAsync(100);
    await flushMicrotasks();
    expect(
      describeOutcome(run.outcome),
      `withTimeout(delay(500, 'late'), 100): callers tell a timeout apart with \`error instanceof TimeoutError\`${noDeadline(run.outcome, 100)}`,
    ).toBe('rejected at 100 ms with a TimeoutError "timed out after 100 ms"');
  });

  test('times out a promise that never settles', async () => {
    const run = watch(withTimeout(new Promise<string>(() => {}), 250));
    await vi.advanceTimersByTimeAsync(1000);
    expect(describeOutcome(run.outcome), `withTimeout(a promise that never settles, 250)${noDeadline(run.outcome, 250)}`).toBe(
      'rejected at 250 ms with a TimeoutError "timed out after 250 ms"',
    );
  });

  test('a promise that settles after the deadline changes nothing', async () => {
    const run = watch(withTimeout(delay(150, 'late'), 100));
    await vi.advanceTimersByTimeAsync(1000);
    expect(describeOutcome(run.outcome), `withTimeout(delay(150, 'late'), 100), looked at after 1000 ms${noDeadline(run.outcome, 100)}`).toBe(
      'rejected at 100 ms with a TimeoutError "timed out after 100 ms"',
    );
  });
});

describe('3. Clear the timer when the promise wins', () => {
  test('leaves no timer once the promise has resolved first', async () => {
    const run = watch(withTimeout(delay(20, 'data'), 60_000));
    await vi.advanceTimersByTimeAsync(20);
    await flushMicrotasks();
    expect(describeOutcome(run.outcome), "withTimeout(delay(20, 'data'), 60000)").toBe('resolved at 20 ms with "data"');
    expect(
      vi.getTimerCount(),
      "timers still pending after withTimeout(delay(20, 'data'), 60000) resolved at 20 ms (the 60 s deadline timer must be cleared)",
    ).toBe(0);
  });

  test('leaves no timer once the promise has rejected first', async () => {
    const run = watch(withTimeout(failAfter(20, new Error('the work failed')), 60_000));
    await vi.advanceTimersByTimeAsync(20);
    await flushMicrotasks();
    expect(run.outcome.status, `withTimeout(failAfter(20, error), 60000): ${describeOutcome(run.outcome)}`).toBe('rejected');
    expect(
      vi.getTimerCount(),
      'timers still pending after withTimeout(failAfter(20, error), 60000) rejected at 20 ms (clear the timer on failure too)',
    ).toBe(0);
  });

  test('leaves no timer for an already resolved promise', async () => {
    const run = watch(withTimeout(Promise.resolve('now'), 60_000));
    await flushMicrotasks();
    expect(describeOutcome(run.outcome), "withTimeout(Promise.resolve('now'), 60000)").toBe('resolved at 0 ms with "now"');
    expect(vi.getTimerCount(), "timers still pending after withTimeout(Promise.resolve('now'), 60000) resolved").toBe(0);
  });

  test('leaves no timer after timing out', async () => {
    const run = watch(withTimeout(new Promise<string>(() => {}), 100));
    await vi.advanceTimersByTimeAsync(100);
    await flushMicrotasks();
    expect(run.outcome.status, `withTimeout(a promise that never settles, 100): ${describeOutcome(run.outcome)}${noDeadline(run.outcome, 100)}`).toBe('rejected');
    expect(vi.getTimerCount(), 'timers still pending after withTimeout timed out').toBe(0);
  });
});
