/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/**
 * Wraps `work` without running it. The first `await` (or `then`) runs it; later awaits share its result.
 */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  let running: Promise<T> | undefined;
  // Calling an async function runs its body at once, up to the first await, so work() starts right here; and a
  // throw inside an async function becomes a rejection of its promise instead of an exception.
  const start = async (): Promise<T> => work();
  return {
    get started() {
      return running !== undefined;
    },
    then(onFulfilled, onRejected) {
      running ??= start();
      return running.then(onFulfilled, onRejected);
    },
  };
}
