// Every call joins a line first, and one routine, #settle(), then does whatever can be done: move waiting puts into
// the queue while there is room, and hand queued items to waiting gets, oldest first on both sides. No call ever
// takes a shortcut past the line, so the order is kept by construction; close() just changes what #settle() does
// with the calls that are left.

/** The error `get` and `put` reject with once the queue is closed (and, for get, empty). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

interface Deferred<V> {
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
  readonly #gets: Deferred<T>[] = [];
  readonly #puts: (Deferred<void> & { item: T })[] = [];
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
    const done = new Promise<void>((resolve, reject) => this.#puts.push({ item, resolve, reject }));
    this.#settle();
    return done;
  }

  get(): Promise<T> {
    const got = new Promise<T>((resolve, reject) => this.#gets.push({ resolve, reject }));
    this.#settle();
    return got;
  }

  close(): void {
    this.#closed = true;
    this.#settle();
  }

  #settle(): void {
    // Loop until neither side can move: a get that takes an item may make room for a waiting put, and so on.
    for (;;) {
      if (this.#puts.length > 0 && this.#items.length < this.#capacity) {
        const put = this.#puts.shift()!;
        this.#items.push(put.item);
        put.resolve();
      } else if (this.#gets.length > 0 && this.#items.length > 0) {
        this.#gets.shift()!.resolve(this.#items.shift()!);
      } else break;
    }
    if (this.#closed) {
      // Whatever is still waiting now can never be served: puts find no room, gets find an empty queue.
      for (const put of this.#puts.splice(0)) put.reject(new QueueClosedError());
      for (const get of this.#gets.splice(0)) get.reject(new QueueClosedError());
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      try {
        yield await this.get();
      } catch (error) {
        if (error instanceof QueueClosedError) return;
        throw error;
      }
    }
  }
}
