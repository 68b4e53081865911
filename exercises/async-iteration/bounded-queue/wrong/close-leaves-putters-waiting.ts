/** The error `get` and `put` reject with once the queue is closed (and, for get, empty). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: Error) => void;
}

/**
 * A first-in, first-out queue of at most `capacity` items, for async producers and consumers:
 * `put` waits while the queue is full (backpressure), `get` waits while it is empty, and after `close()` readers
 * get the remaining items and then a QueueClosedError (or, with for await, the end of the loop).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  // Invariants: getters wait only while #items is empty; putters wait only while #items is full.
  readonly #getters: Waiter<T>[] = [];
  readonly #putters: (Waiter<void> & { item: T })[] = [];
  #closed = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  put(item: T): Promise<void> {
    if (this.#closed) return Promise.reject(new QueueClosedError());
    const getter = this.#getters.shift();
    if (getter) {
      // Someone is already waiting: hand the item over directly (the queue is empty anyway).
      getter.resolve(item);
      return Promise.resolve();
    }
    if (this.#items.length < this.#capacity) {
      this.#items.push(item);
      return Promise.resolve();
    }
    // Full: the producer waits here. This pending promise is the backpressure.
    return new Promise<void>((resolve, reject) => this.#putters.push({ item, resolve, reject }));
  }

  get(): Promise<T> {
    if (this.#items.length > 0) {
      const item = this.#items.shift()!;
      // Room for one more: the longest-waiting putter's item goes in behind the others.
      const putter = this.#putters.shift();
      if (putter) {
        this.#items.push(putter.item);
        putter.resolve();
      }
      return Promise.resolve(item);
    }
    if (this.#closed) return Promise.reject(new QueueClosedError());
    return new Promise<T>((resolve, reject) => this.#getters.push({ resolve, reject }));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // Items already queued stay to be drained. Waiting getters mean the queue is empty: nothing will ever come.
    for (const getter of this.#getters.splice(0)) getter.reject(new QueueClosedError());
    // Waiting puts are left alone: a producer blocked on a full queue is never told that nobody will read.
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      try {
        yield await this.get();
      } catch (error) {
        if (error instanceof QueueClosedError) return; // closed and drained: the reader's loop ends normally
        throw error;
      }
    }
  }
}
