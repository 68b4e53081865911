// The textbook bounded buffer: two counting semaphores. `free` counts the empty slots a put may take, `filled`
// counts the items a get may take. put = take a free slot, add the item, release a filled one; get = the reverse.
// Each semaphore hands a released permit straight to its longest waiter, so waiting calls keep their order.

/** The error `get` and `put` reject with once the queue is closed (and, for get, empty). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

/** A counting semaphore whose waiters can all be turned away with an error. */
class Semaphore {
  #permits: number;
  readonly #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #closed = false;

  constructor(permits: number) {
    this.#permits = permits;
  }

  /** Resolves once a permit is taken; rejects if none is left and the semaphore is closed. */
  acquire(): Promise<void> {
    if (this.#permits > 0) {
      this.#permits--;
      return Promise.resolve();
    }
    if (this.#closed) return Promise.reject(new QueueClosedError());
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  release(): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(); // the permit goes straight to the waiter: nobody can barge in
    else this.#permits++;
  }

  /** Rejects every waiter; permits still left can be taken, then acquire() rejects. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new QueueClosedError());
  }
}

/**
 * A first-in, first-out queue of at most `capacity` items, for async producers and consumers:
 * `put` waits while the queue is full (backpressure), `get` waits while it is empty, and after `close()` readers
 * get the remaining items and then a QueueClosedError (or, with for await, the end of the loop).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  readonly #free: Semaphore;
  readonly #filled = new Semaphore(0);
  #closed = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.#free = new Semaphore(capacity);
  }

  get size(): number {
    return this.#items.length;
  }

  async put(item: T): Promise<void> {
    if (this.#closed) throw new QueueClosedError();
    await this.#free.acquire(); // rejects if close() comes while we wait for room
    this.#items.push(item);
    this.#filled.release();
  }

  async get(): Promise<T> {
    await this.#filled.acquire(); // after close(), succeeds while items are left, then rejects
    const item = this.#items.shift()!;
    this.#free.release();
    return item;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#free.close(); // waiting puts reject
    this.#filled.close(); // waiting gets reject (they wait only while the queue is empty)
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      let item: T;
      try {
        item = await this.get();
      } catch (error) {
        if (error instanceof QueueClosedError) return;
        throw error;
      }
      yield item;
    }
  }
}
