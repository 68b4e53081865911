/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/** A class instead of an object literal; the promise of the work is created on the first then(). */
class Lazy<T> implements LazyTask<T> {
  readonly #work: () => Promise<T>;
  #running: Promise<T> | undefined;

  constructor(work: () => Promise<T>) {
    this.#work = work;
  }

  get started(): boolean {
    return this.#running !== undefined;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    if (this.#running === undefined) {
      try {
        this.#running = this.#work();
      } catch (error) {
        // A synchronous throw is remembered as a rejection, just like a promise that rejects.
        this.#running = Promise.reject(error);
      }
    }
    return this.#running.then(onFulfilled, onRejected);
  }
}

/**
 * Wraps `work` without running it. The first `await` (or `then`) runs it; later awaits share its result.
 */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  return new Lazy(work);
}
