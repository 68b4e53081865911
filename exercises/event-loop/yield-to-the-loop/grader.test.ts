import { afterEach, describe, expect, test } from 'vitest';
import { processInChunks } from '#subject/chunks.ts';

// Every ordering check reads an event log: `work` pushes `item:<i>`, and a "ticker" that re-schedules itself
// with setImmediate pushes `tick` once per turn of the event loop. Items with no tick between them ran in the
// same turn. Nothing here measures how long anything takes.

type Log = string[];

const stops: (() => void)[] = [];
afterEach(() => {
  // A test that failed half-way must not leave its ticker or timer running into the next test.
  for (const stop of stops.splice(0)) stop();
});

/** Starts the ticker; it logs `tick` on every turn of the loop until stopped. */
function startTicker(log: Log): () => void {
  let handle = setImmediate(function tick() {
    log.push('tick');
    handle = setImmediate(tick);
  });
  const stop = () => clearImmediate(handle);
  stops.push(stop);
  return stop;
}

/** Resolves from a timer callback, so whatever the caller does next runs in the loop's timers phase. */
const timerTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The log as one readable line, for failure messages. */
const show = (log: Log) => (log.length > 60 ? [...log.slice(0, 60), `… (${log.length - 60} more)`] : log).join(' ');

/**
 * Runs processInChunks over `n` items with the ticker going, and returns the results and the log as it was when
 * the promise resolved (never later). A rejection fails the test that called it.
 */
async function runLogged(n: number, chunkSize: number) {
  const log: Log = [];
  // Start from a timer callback: then a solution that yields with setTimeout(0) also lets at least one tick in
  // before its next chunk, just like one that yields with setImmediate.
  await timerTurn();
  const stop = startTicker(log);
  try {
    const results = await processInChunks(range(n), chunkSize, (item, index) => {
      log.push(`item:${index}`);
      return item * 10;
    });
    return { log: [...log], results };
  } finally {
    stop();
  }
}

/** The runs of consecutive items between ticks, e.g. [[0, 1, 2], [3, 4, 5], [6]]. */
function turnsOf(log: Log): number[][] {
  const turns: number[][] = [[]];
  for (const entry of log) {
    if (entry === 'tick') turns.push([]);
    else turns[turns.length - 1]!.push(Number(entry.slice('item:'.length)));
  }
  return turns.filter((turn) => turn.length > 0);
}

/** Keeps the CPU busy, as a slow item of a real job would. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/**
 * Calls processInChunks the way a caller would: it must hand back a promise, not throw. Returns that promise.
 */
function callWithoutThrowing(what: string, call: () => Promise<unknown>): Promise<unknown> {
  let promise: Promise<unknown> | undefined;
  expect(() => {
    promise = call();
  }, `${what} should return a promise that rejects, not throw at the caller`).not.toThrow();
  expect(promise, `what ${what} returned`).toBeInstanceOf(Promise);
  return promise!;
}

/** The error a promise rejected with, or a description of the value it resolved with instead. */
const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => `no error: it resolved with ${JSON.stringify(value)}`,
    (error: unknown) => error,
  );

/** Waits `n` timer turns; each one also lets the loop run its setImmediate callbacks. */
async function letTheLoopRun(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await timerTurn();
}

describe('1. Return every result, in order', () => {
  test('resolves with work(item, index) for every item, in input order', async () => {
    const got = await processInChunks(['a', 'b', 'c', 'd', 'e'], 2, (s, i) => `${i}:${s.toUpperCase()}`);
    expect(got, "processInChunks(['a', 'b', 'c', 'd', 'e'], 2, (s, i) => `${i}:${s.toUpperCase()}`)").toEqual([
      '0:A',
      '1:B',
      '2:C',
      '3:D',
      '4:E',
    ]);
  });

  test('calls work exactly once per item, in order', async () => {
    const calls: string[] = [];
    await processInChunks([7, 8, 9, 10, 11, 12, 13], 3, (x, i) => {
      calls.push(`work(${x}, ${i})`);
      return x;
    });
    expect(calls, 'the calls to work for items [7, 8, 9, 10, 11, 12, 13] with chunkSize 3').toEqual([
      'work(7, 0)',
      'work(8, 1)',
      'work(9, 2)',
      'work(10, 3)',
      'work(11, 4)',
      'work(12, 5)',
      'work(13, 6)',
    ]);
  });

  test('resolves with [] for an empty list, without calling work', async () => {
    let calls = 0;
    const got = await processInChunks([], 3, () => calls++);
    expect(got, 'processInChunks([], 3, work)').toEqual([]);
    expect(calls, 'calls to work for an empty list').toBe(0);
  });

  test('works when chunkSize is larger than the list', async () => {
    const got = await processInChunks([1, 2, 3], 100, (x) => x * x);
    expect(got, 'processInChunks([1, 2, 3], 100, (x) => x * x)').toEqual([1, 4, 9]);
  });

  test('keeps the order over many chunks', async () => {
    const { results } = await runLogged(25, 4);
    expect(results, 'results for items 0..24 with chunkSize 4 (work returns item * 10)').toEqual(range(25).map((i) => i * 10));
  });
});

describe('2. Yield to the event loop between chunks', () => {
  test('lets a setImmediate ticker run between every two chunks', async () => {
    const { log } = await runLogged(7, 2);
    const closed: string[] = [];
    for (let first = 2; first < 7; first += 2) {
      const from = log.indexOf(`item:${first - 1}`);
      const to = log.indexOf(`item:${first}`);
      if (!log.slice(from, to).includes('tick')) closed.push(`item:${first - 1} → item:${first}`);
    }
    expect(
      closed.join(', ') || 'none',
      `chunk boundaries with no tick between them, for 7 items with chunkSize 2 (log: ${show(log)}). ` +
        'The loop must get a turn between chunks: code that never awaits, or awaits only a resolved promise, gives it none',
    ).toBe('none');
  });

  test('a 0 ms timer set just before the call fires before the job finishes', async () => {
    const log: Log = [];
    await timerTurn();
    const timer = setTimeout(() => log.push('timer'), 0);
    stops.push(() => clearTimeout(timer));
    const done = processInChunks(range(6), 1, (i) => {
      // A 0 ms timer is due 1 ms after it was set. The first item keeps the CPU busy for 2 ms, so the timer is
      // certainly due while items are left, and any loop turn after this item runs it. No duration is asserted.
      if (i === 0) busyFor(2);
      log.push(`item:${i}`);
      return i;
    }).then(
      () => log.push('settled'),
      () => log.push('settled'),
    );
    await done;
    await letTheLoopRun(2);
    expect(
      log.filter((e) => e === 'timer' || e === 'settled').join(' then '),
      `the order of the timer and the end of the job, for 6 items with chunkSize 1, the first item taking 2 ms (log: ${show(log)}). ` +
        'A timer that comes due during a long job must get its turn before the job ends',
    ).toBe('timer then settled');
  });

  test('does not settle the promise before the last chunk has run', async () => {
    const { log } = await runLogged(6, 2);
    expect(log.filter((e) => e !== 'tick'), 'the items that ran before the promise settled, for 6 items with chunkSize 2').toEqual(
      range(6).map((i) => `item:${i}`),
    );
  });
});

describe('3. Process exactly chunkSize items per turn', () => {
  const cases: [items: number, chunkSize: number, turns: number[]][] = [
    [10, 3, [3, 3, 3, 1]],
    [6, 2, [2, 2, 2]],
    [4, 1, [1, 1, 1, 1]],
    [5, 5, [5]],
    [3, 8, [3]],
  ];
  for (const [n, chunkSize, sizes] of cases) {
    test(`${n} items with chunkSize ${chunkSize} run in turns of ${sizes.join(', ')}`, async () => {
      const { log } = await runLogged(n, chunkSize);
      const turns = turnsOf(log);
      expect(
        turns.map((turn) => turn.length),
        `how many items ran in each turn of the loop (between ticks), for ${n} items with chunkSize ${chunkSize} (log: ${show(log)})`,
      ).toEqual(sizes);
    });
  }
});

describe('4. Handle bad input and failures', () => {
  for (const bad of [0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    test(`rejects with a RangeError when chunkSize is ${bad}`, async () => {
      let calls = 0;
      const what = `processInChunks([1, 2, 3], ${bad}, work)`;
      const error = await rejectionOf(callWithoutThrowing(what, () => processInChunks([1, 2, 3], bad, () => calls++)));
      expect(error, `what ${what} rejected with`).toBeInstanceOf(RangeError);
      expect(calls, `calls to work when chunkSize is ${bad}`).toBe(0);
    });
  }

  test('rejects with a RangeError for a bad chunkSize even when the list is empty', async () => {
    const what = 'processInChunks([], 0, work)';
    const error = await rejectionOf(callWithoutThrowing(what, () => processInChunks([], 0, () => 0)));
    expect(error, `what ${what} rejected with`).toBeInstanceOf(RangeError);
  });

  test('rejects with the error work throws, and processes no further item', async () => {
    const calls: number[] = [];
    const boom = new Error('item 4 is broken');
    const outcome = await rejectionOf(
      processInChunks(range(10), 3, (i) => {
        calls.push(i);
        if (i === 4) throw boom;
        return i;
      }),
    );
    expect(outcome, 'what the promise rejected with when work threw at item 4').toBe(boom);
    // Give chunks that were left scheduled every chance to run, then look at the calls.
    await letTheLoopRun(6);
    expect(
      calls.join(', '),
      'the items work was called with, for 10 items with chunkSize 3 and work throwing at item 4: nothing after the failure',
    ).toBe('0, 1, 2, 3, 4');
  });

  test('rejects (does not throw) when work fails in the first chunk', async () => {
    const calls: number[] = [];
    const boom = new Error('item 0 is broken');
    const what = 'processInChunks([0, 1, 2, 3], 2, work) with work throwing at item 0';
    const outcome = await rejectionOf(
      callWithoutThrowing(what, () =>
        processInChunks([0, 1, 2, 3], 2, (i) => {
          calls.push(i);
          if (i === 0) throw boom;
          return i;
        }),
      ),
    );
    expect(outcome, `what ${what} rejected with`).toBe(boom);
    await letTheLoopRun(4);
    expect(calls.join(', '), `the items work was called with, for ${what}: nothing after the failure`).toBe('0');
  });
});
