import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { mapWithLimit } from '#subject/map-with-limit.ts';
import { createFakeService } from '#support/fake-service.ts';

// Every call is a setTimeout on Vitest's fake clock: "time" is virtual milliseconds the grader moves on itself.
// The fake service logs each start and finish ("20 start c") and counts the calls in flight.
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

/** Runs mapWithLimit over the names of `delays` (in that order) with the fake service, and lets the clock run. */
async function run(delays: Record<string, number>, limit: number, failing: string[] = []) {
  const service = createFakeService(delays, { failing });
  const names = Object.keys(delays);
  const result = watch(mapWithLimit(names, limit, (name) => service.request(name)));
  await vi.advanceTimersByTimeAsync(10_000);
  return { service, result, names };
}

const starts = (events: readonly string[]) => events.filter((e) => e.includes(' start '));

describe('1. Return every result in input order', () => {
  test('resolves with the results in the order of items', async () => {
    const { result } = await run({ a: 300, b: 100, c: 200, d: 50 }, 2);
    expect(result.outcome.status, describeOutcome(result.outcome)).toBe('fulfilled');
    expect(
      result.outcome.status === 'fulfilled' && result.outcome.value,
      'results for items a (300 ms), b (100 ms), c (200 ms), d (50 ms) with limit 2',
    ).toEqual(['result:a', 'result:b', 'result:c', 'result:d']);
  });

  test('calls fn once per item, with its index', async () => {
    const calls: string[] = [];
    const service = createFakeService({ p: 30, q: 10, r: 20 });
    const result = watch(
      mapWithLimit(['p', 'q', 'r'], 2, (name, index) => {
        calls.push(`fn(${name}, ${index})`);
        return service.request(name);
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(result.outcome.status, describeOutcome(result.outcome)).toBe('fulfilled');
    expect([...calls].sort(), "the calls to fn for items ['p', 'q', 'r']").toEqual(['fn(p, 0)', 'fn(q, 1)', 'fn(r, 2)']);
  });

  test('resolves with [] for an empty list', async () => {
    const result = watch(mapWithLimit([], 3, () => Promise.resolve('never')));
    await vi.advanceTimersByTimeAsync(10);
    expect(describeOutcome(result.outcome), 'mapWithLimit([], 3, fn)').toBe('resolved at 0 ms with []');
  });
});

describe('2. Keep at most `limit` calls in flight', () => {
  test('runs exactly 2 at once with limit 2', async () => {
    const { service, result } = await run({ a: 50, b: 50, c: 50, d: 50, e: 50, f: 50 }, 2);
    expect(result.outcome.status, describeOutcome(result.outcome)).toBe('fulfilled');
    expect(
      service.maxInFlight,
      `the most calls in flight at once, 6 items with limit 2 (events: ${service.events.join(', ')}). ` +
        'More than 2 breaks the limit; fewer leaves it unused',
    ).toBe(2);
  });

  test('runs exactly 3 at once with limit 3 and uneven delays', async () => {
    const { service, result } = await run({ a: 70, b: 10, c: 40, d: 30, e: 20, f: 60, g: 10 }, 3);
    expect(result.outcome.status, describeOutcome(result.outcome)).toBe('fulfilled');
    expect(service.maxInFlight, `the most calls in flight at once, 7 items with limit 3 (events: ${service.events.join(', ')})`).toBe(3);
  });

  test('starts everything at once when limit is at least the number of items', async () => {
    const { service } = await run({ a: 30, b: 20, c: 10 }, 5);
    expect(starts(service.events), 'the starts for 3 items with limit 5').toEqual(['0 start a', '0 start b', '0 start c']);
  });
});

describe('3. Start the next call as soon as one finishes', () => {
  test('starts each item the moment a slot frees up', async () => {
    const { service, result } = await run({ a: 100, b: 10, c: 10, d: 10, e: 100 }, 2);
    expect(
      starts(service.events),
      'when each item started, limit 2, a 100 ms, b/c/d 10 ms, e 100 ms (b frees its slot at 10, c at 20, d at 30)',
    ).toEqual(['0 start a', '0 start b', '10 start c', '20 start d', '30 start e']);
    expect(describeOutcome(result.outcome).split(' with ')[0], 'when mapWithLimit resolved (batches of two would take 210 ms)').toBe(
      'resolved at 130 ms',
    );
  });

  test('six 50 ms calls with limit 2 take 150 ms', async () => {
    const { result } = await run({ a: 50, b: 50, c: 50, d: 50, e: 50, f: 50 }, 2);
    expect(describeOutcome(result.outcome).split(' with ')[0], 'when mapWithLimit resolved (one at a time would take 300 ms)').toBe(
      'resolved at 150 ms',
    );
  });
});

describe('4. Stop at the first error', () => {
  test('rejects with the error at the moment of the failure', async () => {
    const { result } = await run({ a: 100, broken: 20, c: 50, d: 50, e: 50 }, 2, ['broken']);
    expect(
      describeOutcome(result.outcome),
      "when and how mapWithLimit settled, limit 2, 'broken' failing at 20 ms while a (100 ms) is still running",
    ).toBe('rejected at 20 ms with Error: request for broken failed');
  });

  test('starts no item after the failure', async () => {
    const { service, result } = await run({ a: 100, broken: 20, c: 50, d: 50, e: 50 }, 2, ['broken']);
    expect(result.outcome.status, describeOutcome(result.outcome)).toBe('rejected');
    expect(
      starts(service.events),
      "the items started, limit 2: 'broken' fails at 20 ms, so c, d and e must never start",
    ).toEqual(['0 start a', '0 start broken']);
  });

  test('a failure later in the list stops the items after it', async () => {
    const { service, result } = await run({ a: 10, b: 10, c: 10, broken: 10, e: 10, f: 10, g: 10 }, 3, ['broken']);
    expect(describeOutcome(result.outcome), 'when and how mapWithLimit settled').toBe('rejected at 20 ms with Error: request for broken failed');
    expect(starts(service.events), "the items started, limit 3, every call 10 ms, 'broken' (the 4th) failing at 20 ms").toEqual([
      '0 start a',
      '0 start b',
      '0 start c',
      '10 start broken',
      '10 start e',
      '10 start f',
    ]);
  });
});
