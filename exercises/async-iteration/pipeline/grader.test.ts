import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { pipeline } from '#subject/pipeline.ts';

/** The value itself, or `words` when it has the expected form: a failure then shows words, never a pattern. */
const inForm = (value: unknown, pattern: RegExp, words: string): unknown => (typeof value === 'string' && pattern.test(value) ? words : value);

// Workers wait on fake timers and log `<ms> start <i>` / `<ms> done <i>`; a counter records how many run at once.
// They honour the AbortSignal: on abort they clear their timer and reject at once. Nothing waits for real time.
chai.config.truncateThreshold = 0;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

interface Bench {
  log: string[];
  inFlight: () => number;
  maxInFlight: () => number;
  signals: AbortSignal[];
  worker: (item: number, signal: AbortSignal) => Promise<string>;
}

/** A worker whose item `i` takes `duration(i)` ms and fails when `fails(i)`; result `r<i>`. */
function bench(duration: (i: number) => number, fails: (i: number) => boolean = () => false): Bench {
  const log: string[] = [];
  const signals: AbortSignal[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const worker = (item: number, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      signals.push(signal);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`${Date.now()} start ${item}`);
      let settled = false;
      const finish = (line: string) => {
        settled = true;
        inFlight--;
        log.push(`${Date.now()} ${line} ${item}`);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        clearTimeout(timer);
        finish('aborted');
        reject(new Error(`item ${item} aborted`));
      };
      const timer = setTimeout(() => {
        if (fails(item)) {
          finish('failed');
          reject(new Error(`item ${item} failed`));
        } else {
          finish('done');
          resolve(`r${item}`);
        }
      }, duration(item));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort);
    });
  return { log, inFlight: () => inFlight, maxInFlight: () => maxInFlight, signals, worker };
}

/** Runs `promise` in the background; `outcome()` says how it settled so far, with the virtual time. */
function watch<V>(promise: Promise<V>): { outcome: () => string } {
  let outcome = 'pending';
  promise.then(
    (value) => {
      outcome = `resolved at ${Date.now()} ms with ${JSON.stringify(value)}`;
    },
    (error: unknown) => {
      outcome = `rejected at ${Date.now()} ms with ${error instanceof Error ? error.message : String(error)}`;
    },
  );
  return { outcome: () => outcome };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const starts = (log: string[]) => log.filter((e) => e.includes(' start '));

describe('1. Return every result, in input order', () => {
  test('results come in input order even when later items finish first', async () => {
    const b = bench((i) => [30, 10, 20, 5][i]!);
    const run = watch(pipeline([0, 1, 2, 3], 2, b.worker));
    await vi.advanceTimersByTimeAsync(100);
    expect(inForm(run.outcome(), /^resolved at \d+ ms with \["r0","r1","r2","r3"\]$/, 'resolved with ["r0","r1","r2","r3"]'), 'pipeline([0, 1, 2, 3], 2, worker) with items taking 30, 10, 20 and 5 ms').toBe('resolved with ["r0","r1","r2","r3"]');
  });

  test('an empty source resolves with []', async () => {
    const b = bench(() => 10);
    const run = watch(pipeline([], 3, b.worker));
    await vi.advanceTimersByTimeAsync(0);
    expect(run.outcome(), 'pipeline([], 3, worker)').toBe('resolved at 0 ms with []');
  });

  test('an async generator works as the source', async () => {
    async function* numbers() {
      for (let i = 0; i < 5; i++) {
        await null;
        yield i;
      }
    }
    const b = bench((i) => 10 * (5 - i));
    const run = watch(pipeline(numbers(), 2, b.worker));
    await vi.advanceTimersByTimeAsync(200);
    expect(inForm(run.outcome(), /with \["r0","r1","r2","r3","r4"\]$/, 'resolved with ["r0","r1","r2","r3","r4"]'), 'pipeline(async generator of 0..4, 2, worker)').toBe('resolved with ["r0","r1","r2","r3","r4"]');
  });
});

describe('2. Run at most N items at once, and keep all N busy', () => {
  test('6 items of 10 ms with concurrency 3 run three at a time', async () => {
    const b = bench(() => 10);
    const run = watch(pipeline(range(6), 3, b.worker));
    await vi.advanceTimersByTimeAsync(100);
    expect(b.maxInFlight(), 'the most worker calls in flight at once, with concurrency 3').toBe(3);
    expect(starts(b.log), 'when each item started (6 items of 10 ms, concurrency 3)').toEqual([
      '0 start 0',
      '0 start 1',
      '0 start 2',
      '10 start 3',
      '10 start 4',
      '10 start 5',
    ]);
    expect(inForm(run.outcome(), /^resolved at 20 ms/, 'resolved at 20 ms'), 'the pipeline').toBe('resolved at 20 ms');
  });

  test('a free worker takes the next item at once', async () => {
    const b = bench((i) => [10, 50, 10, 10, 10][i]!);
    const run = watch(pipeline(range(5), 2, b.worker));
    await vi.advanceTimersByTimeAsync(100);
    expect(starts(b.log), 'when each item started (items of 10, 50, 10, 10, 10 ms, concurrency 2)').toEqual([
      '0 start 0',
      '0 start 1',
      '10 start 2',
      '20 start 3',
      '30 start 4',
    ]);
    expect(b.maxInFlight(), 'the most worker calls in flight at once, with concurrency 2').toBe(2);
    expect(inForm(run.outcome(), /^resolved at 50 ms/, 'resolved at 50 ms'), 'the pipeline').toBe('resolved at 50 ms');
  });

  test('never more than N in flight with many items', async () => {
    const b = bench((i) => 5 + (i % 4) * 5);
    const run = watch(pipeline(range(40), 4, b.worker));
    await vi.advanceTimersByTimeAsync(1000);
    expect(b.maxInFlight(), 'the most worker calls in flight at once, 40 items with concurrency 4').toBe(4);
    expect(inForm(run.outcome(), /^resolved/, 'resolved'), 'the pipeline over 40 items').toBe('resolved');
  });

  test('a concurrency that is not a positive integer rejects with a RangeError', async () => {
    const describeError = (e: unknown) => (e instanceof RangeError ? 'a RangeError' : e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let outcome: string;
      try {
        const call = pipeline([1, 2], bad, async (x) => x);
        outcome = await Promise.resolve(call).then(
          () => 'resolved',
          (e: unknown) => `rejected with ${describeError(e)}`,
        );
      } catch (e) {
        outcome = `threw ${describeError(e)} synchronously, instead of returning a promise that rejects`;
      }
      expect(outcome, `what pipeline([1, 2], ${bad}, worker) did`).toBe('rejected with a RangeError');
    }
  });
});

describe('3. Stop cleanly at the first error', () => {
  test('rejects with the first error, and starts no item after it', async () => {
    // Concurrency 2: items 0 and 1 run 0-10 ms, items 2 and 3 start at 10 ms; item 2 fails at 20 ms.
    const b = bench((i) => (i === 3 ? 50 : 10), (i) => i === 2);
    const run = watch(pipeline(range(8), 2, b.worker));
    await vi.advanceTimersByTimeAsync(200);
    expect(inForm(run.outcome(), /^rejected at \d+ ms with item 2 failed$/, 'rejected with item 2 failed'), 'pipeline over 8 items where item 2 fails at 20 ms').toBe('rejected with item 2 failed');
    expect(starts(b.log), 'the items that were started (item 2 fails at 20 ms; nothing may start after that)').toEqual([
      '0 start 0',
      '0 start 1',
      '10 start 2',
      '10 start 3',
    ]);
  });

  test('aborts the signal, and rejects only after every started worker call has settled', async () => {
    const b = bench((i) => (i === 3 ? 50 : 10), (i) => i === 2);
    let atRejection = 'not rejected yet';
    pipeline(range(8), 2, b.worker).catch(() => {
      atRejection = `in flight: ${b.inFlight()}, timers pending: ${vi.getTimerCount()}`;
    });
    await vi.advanceTimersByTimeAsync(25);
    expect(
      b.signals.length === 0 ? 'no signal was handed to the workers' : b.signals.every((s) => s.aborted) ? 'aborted' : 'not aborted',
      'the signal handed to the workers, at 25 ms (item 2 failed at 20 ms)',
    ).toBe('aborted');
    expect(
      atRejection,
      'worker calls still running and timers still pending when the pipeline rejected (item 3, 50 ms long, should have been aborted and waited for)',
    ).toBe('in flight: 0, timers pending: 0');
    expect(b.log.filter((e) => e.endsWith(' 3')), 'what happened to item 3 (running when item 2 failed)').toEqual([
      '10 start 3',
      '20 aborted 3',
    ]);
  });

  test('stops reading an async generator source at the first error, and closes it', async () => {
    const events: string[] = [];
    // Long enough that reading it to the end is clearly wrong, short enough that doing so does not hang.
    async function* long() {
      try {
        for (let i = 0; i < 1000; i++) {
          await null;
          yield i;
        }
        events.push('source read to the end');
      } finally {
        events.push('source closed');
      }
    }
    const b = bench(() => 10, (i) => i === 4);
    const run = watch(pipeline(long(), 2, b.worker));
    await vi.advanceTimersByTimeAsync(100);
    expect(inForm(run.outcome(), /with item 4 failed$/, 'rejected with item 4 failed'), 'pipeline over a source of 1000 items where item 4 fails').toBe('rejected with item 4 failed');
    expect(events, "the source's log: it must be closed early (its finally runs), not read to the end").toEqual(['source closed']);
    expect(starts(b.log).length, 'how many items were started (item 4 fails at 30 ms, concurrency 2)').toBe(6);
  });

  test('a source that throws rejects the pipeline after the running workers settle', async () => {
    async function* broken() {
      yield 0;
      yield 1;
      await null;
      throw new Error('source broke');
    }
    const b = bench(() => 10);
    let atRejection = 'not rejected yet';
    let reason = '';
    pipeline(broken(), 2, b.worker).catch((error: unknown) => {
      reason = (error as Error).message;
      atRejection = `in flight: ${b.inFlight()}, timers pending: ${vi.getTimerCount()}`;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(reason, 'what the pipeline rejected with when its source threw').toBe('source broke');
    expect(atRejection, 'worker calls still running and timers pending when the pipeline rejected').toBe('in flight: 0, timers pending: 0');
  });
});
