import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { fetchAll } from '#subject/gather.ts';
import { createFakeService } from '#support/fake-service.ts';

// Every request is a setTimeout on Vitest's fake clock, so "time" below is virtual milliseconds: the grader moves
// the clock forward itself and nothing depends on how fast this machine is.
chai.config.truncateThreshold = 0;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

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

describe('1. Return every result in input order', () => {
  test('resolves with the results in the order of ids', async () => {
    const service = createFakeService({ a: 300, b: 100, c: 200 });
    const run = watch(fetchAll(['a', 'b', 'c'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.outcome.status, `fetchAll(['a', 'b', 'c']): ${describeOutcome(run.outcome)}`).toBe('fulfilled');
    expect(
      run.outcome.status === 'fulfilled' && run.outcome.value,
      "results of fetchAll(['a', 'b', 'c']) where a takes 300 ms, b 100 ms and c 200 ms (they finish b, c, a)",
    ).toEqual(['result:a', 'result:b', 'result:c']);
  });

  test('calls fetchOne exactly once per id', async () => {
    const service = createFakeService({ x: 10, y: 20, z: 30, w: 40 });
    const run = watch(fetchAll(['w', 'x', 'y', 'z'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.outcome.status, describeOutcome(run.outcome)).toBe('fulfilled');
    const starts = service.events.filter((e) => e.includes(' start ')).map((e) => e.split(' ')[2]);
    expect(starts.sort(), "the ids requested for fetchAll(['w', 'x', 'y', 'z'])").toEqual(['w', 'x', 'y', 'z']);
  });

  test('resolves with [] for an empty list', async () => {
    const service = createFakeService({});
    const run = watch(fetchAll([], service.request));
    await vi.advanceTimersByTimeAsync(10);
    expect(run.outcome, 'fetchAll([])').toMatchObject({ status: 'fulfilled', value: [] });
  });
});

describe('2. Run the requests at the same time', () => {
  test('starts every request before any finishes', async () => {
    const service = createFakeService({ a: 300, b: 100, c: 200 });
    const run = watch(fetchAll(['a', 'b', 'c'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.outcome.status, describeOutcome(run.outcome)).toBe('fulfilled');
    expect(
      service.maxInFlight,
      `the most requests in flight at once for 3 ids (events: ${service.events.join(', ')}). ` +
        'Each request must start before you wait for any of them',
    ).toBe(3);
  });

  test('takes as long as the slowest request, not the sum', async () => {
    const service = createFakeService({ a: 300, b: 100, c: 200 });
    const run = watch(fetchAll(['a', 'b', 'c'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      describeOutcome(run.outcome).split(' with ')[0],
      'when fetchAll settled, for delays of 300, 100 and 200 ms (run at the same time they take 300 ms; one after another 600 ms)',
    ).toBe('resolved at 300 ms');
  });

  test('ten requests of 50 ms take 50 ms in all', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `item${i}`);
    const service = createFakeService(Object.fromEntries(ids.map((id) => [id, 50])));
    const run = watch(fetchAll(ids, service.request));
    await vi.advanceTimersByTimeAsync(49);
    expect(run.outcome.status, 'fetchAll of ten 50 ms requests at 49 ms').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(describeOutcome(run.outcome).split(' with ')[0], 'fetchAll of ten 50 ms requests').toBe('resolved at 50 ms');
    expect(service.maxInFlight, 'the most requests in flight at once for ten ids').toBe(10);
  });
});

/**
 * Runs `body` and returns the rejections Node reported as unhandled meanwhile, each with the virtual time of the
 * report. The fake clock yields to the real event loop after every timer, so Node makes its check then.
 */
async function unhandledDuring(body: () => Promise<void>): Promise<string[]> {
  const start = Date.now();
  const reported: string[] = [];
  const listener = (reason: unknown) => reported.push(`${Date.now() - start} ms: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.on('unhandledRejection', listener);
  try {
    await body();
  } finally {
    process.off('unhandledRejection', listener);
  }
  return reported;
}

describe('3. Fail as soon as one request fails', () => {
  test('handles a failure that comes while an earlier request is still running', async () => {
    const service = createFakeService({ a: 300, broken: 50 }, { failing: ['broken'] });
    const unhandled = await unhandledDuring(async () => {
      watch(fetchAll(['a', 'broken'], service.request));
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(
      unhandled.join('; ') || 'none',
      "rejections Node reported as unhandled during fetchAll(['a', 'broken']), where 'broken' fails at 50 ms while 'a' runs " +
        'until 300 ms. Your code was still awaiting an earlier promise when a later one rejected, so nothing handled ' +
        'that rejection: in a real Node process an unhandled rejection ends the program with exit code 1, try/catch or ' +
        'not. Wait for all the promises at once; Promise.all handles every promise it is given',
    ).toBe('none');
  });

  test('rejects with the error of the failed request', async () => {
    const service = createFakeService({ a: 300, broken: 50, c: 100 }, { failing: ['broken'] });
    const run = watch(fetchAll(['a', 'broken', 'c'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.outcome.status, `fetchAll(['a', 'broken', 'c']) with 'broken' failing: ${describeOutcome(run.outcome)}`).toBe('rejected');
    const reason = run.outcome.status === 'rejected' ? run.outcome.reason : undefined;
    expect(reason, 'what fetchAll rejected with').toBeInstanceOf(Error);
    expect((reason as Error).message, 'the message of the error fetchAll rejected with').toBe('request for broken failed');
  });

  test('rejects at the moment of the failure, without waiting for the others', async () => {
    const service = createFakeService({ a: 300, broken: 50, c: 100 }, { failing: ['broken'] });
    const run = watch(fetchAll(['a', 'broken', 'c'], service.request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      describeOutcome(run.outcome),
      "when fetchAll(['a', 'broken', 'c']) settled; 'broken' fails at 50 ms while a (300 ms) and c (100 ms) are still running",
    ).toBe('rejected at 50 ms with Error: request for broken failed');
  });
});
