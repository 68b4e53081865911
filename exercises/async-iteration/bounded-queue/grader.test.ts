import { chai, describe, expect, test } from 'vitest';
import { AsyncQueue, QueueClosedError } from '#subject/queue.ts';

// Whether a promise is still pending is checked by letting every queued promise callback run first and then
// looking at what it did. Nothing here measures time.
chai.config.truncateThreshold = 0;

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await null;
}

type State = 'pending' | `resolved ${string}` | `rejected ${string}`;

/** Watches a promise; `now()` says what it has done so far (after a flush). Marks the promise as handled. */
function watch<V>(promise: Promise<V>): { now: () => Promise<State> } {
  let state: State = 'pending';
  promise.then(
    (value) => {
      state = `resolved ${JSON.stringify(value) ?? 'undefined'}`;
    },
    (error: unknown) => {
      state = `rejected ${error instanceof QueueClosedError ? 'QueueClosedError' : String(error)}`;
    },
  );
  return {
    now: async () => {
      await flush();
      return state;
    },
  };
}

/** Reads `queue` with for await into `got`; resolves with how the loop ended. */
async function readWithForAwait<T>(queue: AsyncQueue<T>, got: T[]): Promise<string> {
  try {
    for await (const item of queue) got.push(item);
    return 'ended';
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

describe('1. put and get, first in, first out', () => {
  test('get returns items in the order they were put', async () => {
    const q = new AsyncQueue<string>(10);
    await q.put('a');
    await q.put('b');
    await q.put('c');
    expect(q.size, 'size after three puts').toBe(3);
    const got = [await q.get(), await q.get(), await q.get()];
    expect(got, "three gets after putting 'a', 'b', 'c'").toEqual(['a', 'b', 'c']);
    expect(q.size, 'size after taking everything out').toBe(0);
  });

  test('get on an empty queue waits for the next put', async () => {
    const q = new AsyncQueue<string>(10);
    const got = watch(q.get());
    expect(await got.now(), 'a get() on an empty queue, before any put').toBe('pending');
    await q.put('x');
    expect(await got.now(), "the waiting get() after put('x')").toBe('resolved "x"');
    expect(q.size, 'size after the put went straight to the waiting get').toBe(0);
  });

  test('waiting gets are served in the order they were made', async () => {
    const q = new AsyncQueue<number>(10);
    const first = watch(q.get());
    const second = watch(q.get());
    await q.put(1);
    expect([await first.now(), await second.now()], 'the two waiting gets after put(1)').toEqual(['resolved 1', 'pending']);
    await q.put(2);
    expect(await second.now(), 'the second waiting get after put(2)').toBe('resolved 2');
  });

  test('an item put while gets are waiting goes to the oldest of them, even if a new get comes right after', async () => {
    const q = new AsyncQueue<number>(10);
    const a = watch(q.get());
    const b = watch(q.get());
    await flush();
    void q.put(1);
    const c = watch(q.get()); // made before a has had a chance to resume: it must not take the item put for a
    void q.put(2);
    void q.put(3);
    expect(
      [await a.now(), await b.now(), await c.now()],
      'gets a and b waiting, then put(1), a new get c, put(2), put(3) (c taking 1 means it jumped the line)',
    ).toEqual(['resolved 1', 'resolved 2', 'resolved 3']);
  });
});

describe('2. Backpressure: put waits while the queue is full', () => {
  test('a put beyond the capacity stays pending until a get makes room', async () => {
    const q = new AsyncQueue<number>(2);
    await q.put(1);
    await q.put(2);
    const third = watch(q.put(3));
    expect(await third.now(), 'put(3) on a queue of capacity 2 that holds 2 items').toBe('pending');
    expect(q.size, 'size while put(3) waits').toBe(2);
    expect(await q.get(), 'the first get').toBe(1);
    expect(await third.now(), 'the waiting put(3) after one get').toBe('resolved undefined');
    expect(q.size, 'size after the waiting put got in').toBe(2);
  });

  test('items of waiting puts keep their place in the order', async () => {
    const q = new AsyncQueue<number>(1);
    const puts = [1, 2, 3, 4].map((n) => watch(q.put(n)));
    expect(await Promise.all(puts.map((p) => p.now())), 'put(1..4) on a queue of capacity 1').toEqual([
      'resolved undefined',
      'pending',
      'pending',
      'pending',
    ]);
    const got: number[] = [];
    for (let i = 0; i < 4; i++) {
      got.push(await q.get());
      expect(q.size, `size after get number ${i + 1} (capacity 1)`).toBeLessThanOrEqual(1);
    }
    expect(got, 'four gets after put(1..4) on a queue of capacity 1').toEqual([1, 2, 3, 4]);
  });

  test('a fast producer is held back to the pace of its consumer', async () => {
    const q = new AsyncQueue<number>(2);
    const log: string[] = [];
    const producer = (async () => {
      for (let i = 1; i <= 5; i++) {
        await q.put(i);
        log.push(`put ${i} (size ${q.size})`);
      }
    })();
    await flush();
    expect(log, 'what a producer of 5 items managed before anyone read (capacity 2)').toEqual(['put 1 (size 1)', 'put 2 (size 2)']);
    await q.get();
    await flush();
    expect(log.slice(2), 'what the producer did after one get').toEqual(['put 3 (size 2)']);
    for (let i = 0; i < 3; i++) await q.get();
    await producer;
  });

  test('the capacity must be a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new AsyncQueue(bad), `new AsyncQueue(${bad}): a capacity that is not a positive integer`).toThrow(RangeError);
    }
  });
});

describe('3. close: no more puts, readers finish once it is drained', () => {
  test('close wakes every waiting get with a QueueClosedError', async () => {
    const q = new AsyncQueue<number>(3);
    const a = watch(q.get());
    const b = watch(q.get());
    await flush();
    q.close();
    expect([await a.now(), await b.now()], 'two gets that were waiting on an empty queue when close() was called').toEqual([
      'rejected QueueClosedError',
      'rejected QueueClosedError',
    ]);
  });

  test('items put before close can still be taken, then get rejects', async () => {
    const q = new AsyncQueue<string>(3);
    await q.put('a');
    await q.put('b');
    q.close();
    const first = watch(q.get());
    const second = watch(q.get());
    const third = watch(q.get());
    expect([await first.now(), await second.now(), await third.now()], "three gets after put('a'), put('b'), close()").toEqual([
      'resolved "a"',
      'resolved "b"',
      'rejected QueueClosedError',
    ]);
  });

  test('put after close rejects, and so does a put that was waiting for room', async () => {
    const q = new AsyncQueue<number>(1);
    await q.put(1);
    const waiting = watch(q.put(2));
    await flush();
    q.close();
    expect(await waiting.now(), 'put(2) that was waiting for room when close() was called').toBe('rejected QueueClosedError');
    expect(await watch(q.put(3)).now(), 'put(3) after close()').toBe('rejected QueueClosedError');
    expect(await watch(q.get()).now(), 'get() for the item that was in the queue before close()').toBe('resolved 1');
    expect(await watch(q.get()).now(), 'get() once the closed queue is empty').toBe('rejected QueueClosedError');
  });

  test('closing twice is harmless', async () => {
    const q = new AsyncQueue<number>(2);
    await q.put(1);
    q.close();
    expect(() => q.close(), 'a second close()').not.toThrow();
    expect(await watch(q.get()).now(), 'get() after closing twice, with one item left in the queue').toBe('resolved 1');
  });
});

describe('4. Read the queue with for await', () => {
  test('for await yields everything and ends once the queue is closed and drained', async () => {
    const q = new AsyncQueue<number>(2);
    const producer = (async () => {
      for (let i = 1; i <= 5; i++) await q.put(i);
      q.close();
    })();
    const got: number[] = [];
    const outcome = watch(readWithForAwait(q, got));
    await producer;
    expect(await outcome.now(), 'how the for await loop over the queue ended').toBe('resolved "ended"');
    expect(got, 'items read with for await while a producer put 1..5 and closed (capacity 2)').toEqual([1, 2, 3, 4, 5]);
  });

  test('a reader waiting on an empty queue finishes when it is closed', async () => {
    const q = new AsyncQueue<string>(2);
    const got: string[] = [];
    const outcome = watch(readWithForAwait(q, got));
    await q.put('only');
    expect(await outcome.now(), 'the for await loop while the queue is open and empty').toBe('pending');
    q.close();
    expect(await outcome.now(), 'the for await loop after close()').toBe('resolved "ended"');
    expect(got, 'items the loop read').toEqual(['only']);
  });

  test('a reader that starts after close still gets the items that were left', async () => {
    const q = new AsyncQueue<string>(3);
    await q.put('x');
    await q.put('y');
    q.close();
    const got: string[] = [];
    expect(await watch(readWithForAwait(q, got)).now(), 'a for await loop started after close()').toBe('resolved "ended"');
    expect(got, 'items read after close()').toEqual(['x', 'y']);
  });
});
