import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { merge } from '#subject/merge.ts';

// The sources wait on fake timers, so the virtual clock decides which value arrives first. The reader logs
// `<ms> <value>`; the sources log `<name> end` when they finish and `<name> cleanup` in their finally block.
chai.config.truncateThreshold = 0;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Yields each `[at, value]` at virtual time `at` ms. */
async function* timed<T>(name: string, schedule: [at: number, value: T][], log: string[]): AsyncGenerator<T> {
  try {
    for (const [at, value] of schedule) {
      await sleep(at - Date.now());
      yield value;
    }
    log.push(`${name} end`);
  } finally {
    log.push(`${name} cleanup`);
  }
}

/** Yields `<name><n>` every `every` ms, forever. */
async function* ticker(name: string, every: number, log: string[]): AsyncGenerator<string> {
  try {
    for (let n = 1; ; n++) {
      await sleep(every);
      yield `${name}${n}`;
    }
  } finally {
    log.push(`${name} cleanup`);
  }
}

/** Yields `<name><n>` every `every` ms and throws at `failAt` ms. */
async function* failing(name: string, every: number, failAt: number, log: string[]): AsyncGenerator<string> {
  try {
    for (let n = 1; ; n++) {
      await sleep(every);
      if (Date.now() >= failAt) throw new Error(`${name} broke`);
      yield `${name}${n}`;
    }
  } finally {
    log.push(`${name} cleanup`);
  }
}

/** Passes `source` through, logging each call to its return() as `<ms> <name> return()`, when it is made. */
function tracked<T>(name: string, source: AsyncGenerator<T>, log: string[]): AsyncIterableIterator<T> {
  return {
    next: () => source.next(),
    return: (value?: unknown) => {
      log.push(`${Date.now()} ${name} return()`);
      return source.return(value as T);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * merge(steady, bad, slow): steady yields every 10 ms, slow every 40 ms, bad throws at 30 ms. Both steady and slow
 * are busy (waiting on their timers) when bad throws. Logs return() calls and `<ms> reader got <message>`.
 */
async function failWhileOthersAreBusy(): Promise<string[]> {
  const log: string[] = [];
  const stream = merge(
    tracked('steady', ticker('steady', 10, log), log),
    failing('bad', 15, 30, log),
    tracked('slow', ticker('slow', 40, log), log),
  );
  void (async () => {
    try {
      for await (const value of stream) void value;
    } catch (error) {
      log.push(`${Date.now()} reader got ${(error as Error).message}`);
    }
  })();
  await vi.advanceTimersByTimeAsync(100);
  return log;
}

/** Reads `stream` in the background, logging `<ms> <value>`; stops after `limit` values when given. */
function read<T>(stream: AsyncIterable<T>, log: string[], limit = Infinity): { outcome: () => string } {
  let outcome = 'still reading';
  void (async () => {
    try {
      let seen = 0;
      for await (const value of stream) {
        log.push(`${Date.now()} ${String(value)}`);
        if (++seen >= limit) break;
      }
      outcome = 'ended';
    } catch (error) {
      outcome = `threw ${(error as Error).message}`;
    }
  })();
  return { outcome: () => outcome };
}

describe('1. Yield each value as soon as it arrives', () => {
  test('values from two sources arrive in time order', async () => {
    const log: string[] = [];
    const a = timed('a', [[10, 'a1'], [30, 'a2']], log);
    const b = timed('b', [[15, 'b1'], [20, 'b2']], log);
    read(merge(a, b), log);
    await vi.advanceTimersByTimeAsync(100);
    expect(
      log.filter((e) => /^\d/.test(e)),
      'values read from merge(a, b) with their arrival times; a yields at 10 and 30 ms, b at 15 and 20 ms',
    ).toEqual(['10 a1', '15 b1', '20 b2', '30 a2']);
  });

  test('a slow first source does not hold back the others', async () => {
    const log: string[] = [];
    const slow = timed('slow', [[100, 'slow1']], log);
    const fast = timed('fast', [[5, 'fast1'], [10, 'fast2'], [15, 'fast3']], log);
    read(merge(slow, fast), log);
    await vi.advanceTimersByTimeAsync(20);
    expect(
      log.filter((e) => /^\d/.test(e)),
      'values read from merge(slow, fast) in the first 20 ms; slow yields at 100 ms, fast at 5, 10 and 15 ms',
    ).toEqual(['5 fast1', '10 fast2', '15 fast3']);
    await vi.advanceTimersByTimeAsync(100);
  });

  test('three sources interleave', async () => {
    const log: string[] = [];
    read(merge(timed('x', [[3, 'x1'], [12, 'x2']], log), timed('y', [[6, 'y1']], log), timed('z', [[1, 'z1'], [9, 'z2']], log)), log);
    await vi.advanceTimersByTimeAsync(50);
    expect(log.filter((e) => /^\d/.test(e)), 'values read from merge(x, y, z)').toEqual(['1 z1', '3 x1', '6 y1', '9 z2', '12 x2']);
  });
});

describe('2. Finish when every source is done', () => {
  test('ends after the last source ends, with nothing lost', async () => {
    const log: string[] = [];
    const reader = read(merge(timed('a', [[5, 'a1']], log), timed('b', [[10, 'b1'], [40, 'b2']], log)), log);
    await vi.advanceTimersByTimeAsync(20);
    expect(reader.outcome(), 'the reader at 20 ms: a has ended, b has one value left').toBe('still reading');
    await vi.advanceTimersByTimeAsync(30);
    expect(reader.outcome(), 'the reader after both sources ended').toBe('ended');
    expect(log.filter((e) => /^\d/.test(e)), 'values read from merge(a, b)').toEqual(['5 a1', '10 b1', '40 b2']);
  });

  test('merge() with no sources, or only empty ones, ends at once', async () => {
    const log: string[] = [];
    const none = read(merge<string>(), log);
    const empty = read(merge(timed<string>('e1', [], log), timed<string>('e2', [], log)), log);
    await vi.advanceTimersByTimeAsync(0);
    expect([none.outcome(), empty.outcome()], 'the readers of merge() and of merge(empty, empty)').toEqual(['ended', 'ended']);
  });

  test("a source's error reaches the reader", async () => {
    const log: string[] = [];
    const reader = read(merge(failing('bad', 10, 25, log), timed('ok', [[5, 'ok1']], log)), log);
    await vi.advanceTimersByTimeAsync(50);
    expect(reader.outcome(), 'the reader of merge(bad, ok) where bad throws at 30 ms').toBe('threw bad broke');
    expect(log.filter((e) => /^\d/.test(e)), 'values read before the error').toEqual(['5 ok1', '10 bad1', '20 bad2']);
  });
});

describe('3. Close every source when the reader stops early', () => {
  test('a break in the reader closes every source', async () => {
    const log: string[] = [];
    const reader = read(merge(ticker('a', 10, log), ticker('b', 25, log)), log, 3);
    await vi.advanceTimersByTimeAsync(100);
    expect(reader.outcome(), 'the reader that breaks after 3 values').toBe('ended');
    expect(log.filter((e) => /^\d/.test(e)), 'values read before the break').toEqual(['10 a1', '20 a2', '25 b1']);
    expect(
      log.filter((e) => e.endsWith('cleanup')).sort(),
      'the sources whose finally ran after the reader broke out of merge(a, b) (a was busy and finishes its value first)',
    ).toEqual(['a cleanup', 'b cleanup']);
    expect(vi.getTimerCount(), 'timers still pending after the sources were closed').toBe(0);
  });

  test('an error in one source closes the others', async () => {
    const log: string[] = [];
    const reader = read(merge(ticker('steady', 10, log), failing('bad', 15, 30, log), ticker('slow', 40, log)), log);
    await vi.advanceTimersByTimeAsync(100);
    expect(reader.outcome(), 'the reader of merge(steady, bad, slow) where bad throws at 30 ms').toBe('threw bad broke');
    expect(
      log.filter((e) => e.endsWith('cleanup')).sort(),
      'the sources whose finally ran after bad threw',
    ).toEqual(['bad cleanup', 'slow cleanup', 'steady cleanup']);
    expect(vi.getTimerCount(), 'timers still pending after the error').toBe(0);
  });

  test('when a source fails, return() is sent to the others before the error reaches the reader', async () => {
    const log = await failWhileOthersAreBusy();
    const readerAt = log.findIndex((e) => e.endsWith('reader got bad broke'));
    const report = ['slow', 'steady'].map((name) => {
      const at = log.findIndex((e) => e.endsWith(` ${name} return()`));
      if (at < 0) return `${name}: return() never called`;
      if (readerAt >= 0 && at > readerAt) return `${name}: return() called at ${log[at]!.split(' ')[0]} ms, after the reader got the error`;
      return `${name}: return() called before the reader got the error`;
    });
    expect(
      report,
      'when merge(steady, bad, slow) called return() on steady and slow, the two busy sources, after bad threw at 30 ms',
    ).toEqual(['slow: return() called before the reader got the error', 'steady: return() called before the reader got the error']);
  });

  test("a source's error reaches the reader at once, without waiting for the busy sources to close", async () => {
    const log = await failWhileOthersAreBusy();
    expect(
      log.find((e) => e.includes(' reader got ')) ?? 'the reader never got the error',
      'when the reader of merge(steady, bad, slow) got the error: bad throws at 30 ms, while slow reaches its next yield (and can close) only at 40 ms, so waiting for its return() delays the error',
    ).toBe('30 reader got bad broke');
  });

  test('stopping after the first value closes sources that have not produced anything yet', async () => {
    const log: string[] = [];
    read(merge(ticker('quick', 1, log), ticker('late', 50, log)), log, 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(log.filter((e) => e.endsWith('cleanup')).sort(), 'the sources whose finally ran after the reader took one value').toEqual([
      'late cleanup',
      'quick cleanup',
    ]);
  });
});
