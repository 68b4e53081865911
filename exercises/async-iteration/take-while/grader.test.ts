import { chai, describe, expect, test } from 'vitest';
import { mapAsync, take, takeWhile } from '#subject/lazy.ts';

// Every check reads one event log: the source logs `pull <v>` when it produces a value and `cleanup` in its
// finally block, the reader logs `got <v>`, and fn in mapAsync logs `fn <v>`. Only the order counts.
chai.config.truncateThreshold = 0;

/** An async generator over `values` that logs each pull, its natural end and its cleanup. */
async function* source<T>(values: readonly T[], log: string[]): AsyncGenerator<T> {
  try {
    for (const value of values) {
      await null; // a real source waits for something before each value
      log.push(`pull ${String(value)}`);
      yield value;
    }
    log.push('end');
  } finally {
    log.push('cleanup');
  }
}

/** Reads `iterable` to the end, logging `got <v>`, and returns the log line of the reader's outcome. */
async function readAll<T>(iterable: AsyncIterable<T>, log: string[]): Promise<string> {
  try {
    for await (const value of iterable) log.push(`got ${String(value)}`);
    return 'done';
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

/** Reads `iterable` and leaves the loop with break after `count` values. */
async function readAndBreak<T>(iterable: AsyncIterable<T>, count: number, log: string[]): Promise<void> {
  let seen = 0;
  for await (const value of iterable) {
    log.push(`got ${String(value)}`);
    if (++seen >= count) break;
  }
}

/** Lets pending promise callbacks run, so a cleanup that happens late is in the log when we look. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await null;
}

const show = (log: string[]) => log.join(', ');

describe('1. take: the first n values, pulled one at a time', () => {
  test('yields the first n values', async () => {
    const got: number[] = [];
    for await (const x of take(source([1, 2, 3, 4, 5], []), 3)) got.push(x);
    expect(got, 'values from take(source [1, 2, 3, 4, 5], 3)').toEqual([1, 2, 3]);
  });

  test('pulls each value only when the reader asks for it', async () => {
    const log: string[] = [];
    await readAll(take(source([1, 2, 3, 4], log), 3), log);
    const pulls = log.filter((e) => !e.startsWith('cleanup') && e !== 'end');
    const expected = 'pull 1, got 1, pull 2, got 2, pull 3, got 3';
    const firstGot = pulls.findIndex((e) => e.startsWith('got'));
    // Name the mistake the log shows: one pull too many at the end, or everything pulled before the first read.
    const why = show(pulls).startsWith(`${expected}, pull`)
      ? 'take asked the source for a 4th value after the reader got the 3rd; once n values are out, take must ' +
        'finish without pulling again'
      : firstGot > 1 || (firstGot === -1 && pulls.length > 1)
        ? 'values were pulled before the reader got the first one (reading the source into an array first pulls ' +
          'everything up front)'
        : 'a value is pulled only after the previous one was read';
    expect(show(pulls), `the log of reading take(source [1, 2, 3, 4], 3): ${why}`).toBe(expected);
  });

  test('ends when the source ends first', async () => {
    const log: string[] = [];
    await readAll(take(source([1, 2], log), 5), log);
    expect(show(log), 'the log of reading take(source [1, 2], 5)').toBe('pull 1, got 1, pull 2, got 2, end, cleanup');
  });

  test('n = 0 yields nothing and pulls nothing', async () => {
    const log: string[] = [];
    await readAll(take(source([1, 2], log), 0), log);
    expect(log.filter((e) => e.startsWith('pull') || e.startsWith('got')), 'pulls and reads for take(source, 0)').toEqual([]);
  });
});

describe('2. mapAsync: transform each value, one at a time', () => {
  test('yields await fn(item, index) for every value, in order', async () => {
    const got: string[] = [];
    for await (const s of mapAsync(source(['a', 'b', 'c'], []), async (x, i) => `${i}:${x.toUpperCase()}`)) got.push(s);
    expect(got, "values from mapAsync(source ['a', 'b', 'c'], async (x, i) => `${i}:${x.toUpperCase()}`)").toEqual([
      '0:A',
      '1:B',
      '2:C',
    ]);
  });

  test('accepts an fn that returns a plain value', async () => {
    const got: number[] = [];
    for await (const n of mapAsync(source([1, 2, 3], []), (x) => x * x)) got.push(n);
    expect(got, 'values from mapAsync(source [1, 2, 3], (x) => x * x)').toEqual([1, 4, 9]);
  });

  test('pulls and calls fn only when the reader asks, one call at a time', async () => {
    const log: string[] = [];
    const fn = async (x: number) => {
      log.push(`fn ${x}`);
      await null;
      await null;
      log.push(`fn ${x} done`);
      return x * 10;
    };
    await readAll(mapAsync(source([1, 2, 3], log), fn), log);
    expect(
      show(log),
      'the log of reading mapAsync(source [1, 2, 3], fn): pull, call fn, hand the result to the reader, and only then the next value',
    ).toBe('pull 1, fn 1, fn 1 done, got 10, pull 2, fn 2, fn 2 done, got 20, pull 3, fn 3, fn 3 done, got 30, end, cleanup');
  });
});

describe('3. takeWhile: stop at the first value that fails the test', () => {
  test('yields values until the predicate fails, without the failing one', async () => {
    const got: number[] = [];
    for await (const x of takeWhile(source([1, 2, 7, 3], []), (x) => x < 5)) got.push(x);
    expect(got, 'values from takeWhile(source [1, 2, 7, 3], (x) => x < 5)').toEqual([1, 2]);
  });

  test('pulls no value after the failing one', async () => {
    const log: string[] = [];
    await readAll(takeWhile(source([1, 2, 7, 3], log), (x) => x < 5), log);
    expect(log.filter((e) => e.startsWith('pull') || e.startsWith('got')), 'pulls and reads for takeWhile(source [1, 2, 7, 3], x < 5)').toEqual([
      'pull 1',
      'got 1',
      'pull 2',
      'got 2',
      'pull 7',
    ]);
  });

  test('yields everything when the predicate never fails', async () => {
    const got: number[] = [];
    for await (const x of takeWhile(source([1, 2, 3], []), () => true)) got.push(x);
    expect(got, 'values from takeWhile(source [1, 2, 3], () => true)').toEqual([1, 2, 3]);
  });
});

describe('4. Close the source when you stop early', () => {
  test('take closes the source right after its n-th value, without pulling another', async () => {
    const log: string[] = [];
    await readAll(take(source([1, 2, 3, 4], log), 2), log);
    await settle();
    expect(
      show(log),
      'the log of reading take(source [1, 2, 3, 4], 2): after value 2 the source must be closed (cleanup), with no pull 3 first',
    ).toBe('pull 1, got 1, pull 2, got 2, cleanup');
  });

  test('takeWhile closes the source at the first failing value', async () => {
    const log: string[] = [];
    await readAll(takeWhile(source([1, 9, 2, 3], log), (x) => x < 5), log);
    await settle();
    expect(show(log), 'the log of reading takeWhile(source [1, 9, 2, 3], x < 5)').toBe('pull 1, got 1, pull 9, cleanup');
  });

  test("a reader's break closes the source of take", async () => {
    const log: string[] = [];
    await readAndBreak(take(source([1, 2, 3, 4], log), 10), 1, log);
    await settle();
    expect(show(log), 'the log when the reader breaks after the first value of take(source [1, 2, 3, 4], 10)').toBe('pull 1, got 1, cleanup');
  });

  test("a reader's break closes the source of mapAsync", async () => {
    const log: string[] = [];
    await readAndBreak(mapAsync(source([1, 2, 3, 4], log), (x) => x * 10), 2, log);
    await settle();
    expect(show(log), 'the log when the reader breaks after two values of mapAsync(source [1, 2, 3, 4], x * 10)').toBe(
      'pull 1, got 10, pull 2, got 20, cleanup',
    );
  });

  test("a reader's break closes the source of takeWhile", async () => {
    const log: string[] = [];
    await readAndBreak(takeWhile(source([1, 2, 3, 4], log), () => true), 1, log);
    await settle();
    expect(show(log), 'the log when the reader breaks after the first value of takeWhile(source [1, 2, 3, 4], () => true)').toBe(
      'pull 1, got 1, cleanup',
    );
  });

  test('when fn rejects, the reader gets the error and the source is closed', async () => {
    const log: string[] = [];
    const outcome = await readAll(
      mapAsync(source([1, 2, 3], log), async (x) => {
        if (x === 2) throw new Error('bad item 2');
        return x;
      }),
      log,
    );
    await settle();
    expect(outcome, "how the reader's loop ended when fn rejected for item 2").toBe('threw bad item 2');
    expect(show(log), 'the log of mapAsync(source [1, 2, 3], fn) with fn rejecting for 2').toBe('pull 1, got 1, pull 2, cleanup');
  });
});
