/** The error `get` and `put` reject with once the queue is closed (and, for get, empty). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

/**
 * A first-in, first-out queue of at most `capacity` items, for async producers and consumers:
 * `put` waits while the queue is full (backpressure), `get` waits while it is empty, and after `close()` readers
 * get the remaining items and then a QueueClosedError (or, with for await, the end of the loop).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  /** Throws a RangeError unless capacity is a positive integer. */
  constructor(capacity: number) {
    throw new Error('TODO: check the capacity and set up the queue');
  }

  /** How many items are in the queue now. */
  get size(): number {
    throw new Error('TODO: return the number of items in the queue');
  }

  /** Adds `item`, waiting while the queue is full. Rejects with QueueClosedError once the queue is closed. */
  put(item: T): Promise<void> {
    throw new Error('TODO: add the item, or wait for room');
  }

  /** Takes the oldest item, waiting while the queue is empty. Rejects with QueueClosedError when closed and empty. */
  get(): Promise<T> {
    throw new Error('TODO: take the oldest item, or wait for one');
  }

  /** No more puts; waiting putters and (once empty) getters are rejected with QueueClosedError. */
  close(): void {
    throw new Error('TODO: close the queue');
  }

  /** Yields the items in order; ends once the queue is closed and empty. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    throw new Error('TODO: yield items until the queue is closed and drained');
  }
}
