// The lesson's backpressure sketch grown into the full queue: a waiting call sleeps until the other side wakes it,
// then checks again. But between the wake-up and the check, a get() made a moment later can take the item that was
// put for the oldest waiting get, which then goes to the back of the line.

/** The error `get` and `put` reject with once the queue is closed (and, for get, empty). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  readonly #getters: (() => void)[] = [];
  readonly #putters: (() => void)[] = [];
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

  async put(item: T): Promise<void> {
    while (!this.#closed && this.#items.length >= this.#capacity) {
      await new Promise<void>((wake) => this.#putters.push(wake));
    }
    if (this.#closed) throw new QueueClosedError();
    this.#items.push(item);
    this.#getters.shift()?.();
  }

  async get(): Promise<T> {
    while (!this.#closed && this.#items.length === 0) {
      await new Promise<void>((wake) => this.#getters.push(wake));
    }
    if (this.#items.length === 0) throw new QueueClosedError();
    const item = this.#items.shift()!;
    this.#putters.shift()?.();
    return item;
  }

  close(): void {
    this.#closed = true;
    for (const wake of this.#getters.splice(0)) wake();
    for (const wake of this.#putters.splice(0)) wake();
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
