import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { retry } from '#subject/retry.ts';

// Vitest's fake timers: "time" is virtual milliseconds the grader moves on itself, so every wait can be checked
// to the millisecond without depending on the machine.
chai.config.truncateThreshold = 0;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A scripted flaky function: call number k follows script[k - 1] ('fail' or 'ok'; calls past the end fail).
 * Each call takes `takesMs` virtual ms (0: it settles at once) and is logged as "<time> fn(<attempt>)".
 */
function scripted(script: readonly ('fail' | 'ok')[], takesMs = 0) {
  const start = Date.now();
  const calls: string[] = [];
  const errors: Error[] = [];
  const fn = (attempt: number): Promise<string> => {
    calls.push(`${Date.now() - start} fn(${attempt})`);
    const ok = script[calls.length - 1] === 'ok';
    const error = new Error(`attempt ${attempt} failed`);
    errors.push(error);
    const settle = (resolve: (v: string) => void, reject: (e: Error) => void) => (ok ? resolve(`ok from attempt ${attempt}`) : reject(error));
    return new Promise<string>((resolve, reject) => {
      if (takesMs === 0) settle(resolve, reject);
      else setTimeout(() => settle(resolve, reject), takesMs);
    });
  };
  return { fn, calls, errors };
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

const describeOutcome = (o: Outcome) =>
  o.status === 'pending'
    ? 'still pending'
    : o.status === 'fulfilled'
      ? `resolved at ${o.at} ms with ${JSON.stringify(o.value)}`
      : `rejected at ${o.at} ms with ${String(o.reason)}`;

/** Moves the clock far enough for any sensible (or wrong) retry loop to finish. */
const runClock = () => vi.advanceTimersByTimeAsync(10_000);

describe('1. Return the first success', () => {
  test('retries until fn resolves, then resolves with its value', async () => {
    const { fn, calls } = scripted(['fail', 'fail', 'ok']);
    const run = watch(retry(fn, { attempts: 5, baseMs: 100 }));
    await runClock();
    const o = run.outcome;
    const settled = o.status === 'pending' ? 'still pending' : o.status === 'fulfilled' ? `resolved with ${JSON.stringify(o.value)}` : `rejected with ${String(o.reason)}`;
    const escaped =
      o.status === 'rejected' && calls.length === 1
        ? '. It gave up after the first failure: that rejection never reached your catch. A promise returned from ' +
          'inside try without being awaited there leaves the try before it rejects (the lesson\'s "return await" trap)'
        : '';
    expect(`${settled} after ${calls.map((c) => c.split(' ')[1]).join(', ')}`, `retry of a function that fails twice, then succeeds (attempts: 5)${escaped}`).toBe(
      'resolved with "ok from attempt 3" after fn(1), fn(2), fn(3)',
    );
  });

  test('calls fn once when the first attempt succeeds, and waits for nothing', async () => {
    const { fn, calls } = scripted(['ok']);
    const run = watch(retry(fn, { attempts: 3, baseMs: 100 }));
    await runClock();
    expect(describeOutcome(run.outcome), 'retry of a function that succeeds at once').toBe('resolved at 0 ms with "ok from attempt 1"');
    expect(calls, 'the calls to fn').toEqual(['0 fn(1)']);
  });
});

describe('2. Give up after `attempts` calls', () => {
  test('calls fn exactly `attempts` times when every call fails', async () => {
    const { fn, calls } = scripted([]);
    const run = watch(retry(fn, { attempts: 3, baseMs: 10 }));
    await runClock();
    expect(run.outcome.status, describeOutcome(run.outcome)).toBe('rejected');
    expect(calls.map((c) => c.split(' ')[1]), 'the calls to fn with attempts: 3 when every call fails').toEqual(['fn(1)', 'fn(2)', 'fn(3)']);
  });

  test('rejects with the error of the last attempt', async () => {
    const { fn, errors } = scripted([]);
    const run = watch(retry(fn, { attempts: 3, baseMs: 10 }));
    await runClock();
    const reason = run.outcome.status === 'rejected' ? run.outcome.reason : undefined;
    expect(String(reason), `what retry rejected with (${describeOutcome(run.outcome)})`).toBe('Error: attempt 3 failed');
    expect(reason, 'the error retry rejected with must be the very object the last call rejected with').toBe(errors[2]);
  });

  test('with attempts: 1 calls fn once and does not retry', async () => {
    const { fn, calls } = scripted([]);
    const run = watch(retry(fn, { attempts: 1, baseMs: 100 }));
    await runClock();
    expect(calls.map((c) => c.split(' ')[1]), 'the calls to fn with attempts: 1').toEqual(['fn(1)']);
    expect(String(run.outcome.status === 'rejected' && run.outcome.reason), `what retry rejected with (${describeOutcome(run.outcome)})`).toBe(
      'Error: attempt 1 failed',
    );
  });
});

describe('3. Wait baseMs * 2^k between attempts', () => {
  test('calls at 0, 100, 300 and 700 ms with baseMs 100', async () => {
    const { fn, calls } = scripted([]);
    watch(retry(fn, { attempts: 4, baseMs: 100 }));
    await runClock();
    expect(calls, 'the time of each call, attempts: 4, baseMs: 100, every call failing at once (waits of 100, 200, 400)').toEqual([
      '0 fn(1)',
      '100 fn(2)',
      '300 fn(3)',
      '700 fn(4)',
    ]);
  });

  test('rejects right after the last failure, without a final wait', async () => {
    const { fn } = scripted([]);
    const run = watch(retry(fn, { attempts: 4, baseMs: 100 }));
    await runClock();
    expect(
      describeOutcome(run.outcome),
      'when retry settled: attempts: 4, baseMs: 100 (the last call is at 700 ms and fails at once; no wait follows it)',
    ).toBe('rejected at 700 ms with Error: attempt 4 failed');
  });

  test('starts each wait when the attempt fails', async () => {
    const { fn, calls } = scripted([], 10);
    const run = watch(retry(fn, { attempts: 3, baseMs: 50 }));
    await runClock();
    expect(calls, 'the time of each call when every call takes 10 ms to fail, baseMs: 50 (fail at 10, wait 50; fail at 70, wait 100)').toEqual([
      '0 fn(1)',
      '60 fn(2)',
      '170 fn(3)',
    ]);
    expect(describeOutcome(run.outcome), 'when retry settled').toBe('rejected at 180 ms with Error: attempt 3 failed');
  });

  test('resolves on the third attempt at 90 ms with baseMs 30', async () => {
    const { fn, calls } = scripted(['fail', 'fail', 'ok']);
    const run = watch(retry(fn, { attempts: 5, baseMs: 30 }));
    await runClock();
    expect(calls, 'the time of each call, baseMs: 30, failing twice then succeeding').toEqual(['0 fn(1)', '30 fn(2)', '90 fn(3)']);
    expect(describeOutcome(run.outcome), 'when retry settled').toBe('resolved at 90 ms with "ok from attempt 3"');
  });
});
