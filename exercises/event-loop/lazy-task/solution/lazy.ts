/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/**
 * Wraps `work` without running it. The first `await` (or `then`) runs it; later awaits share its result.
 */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  // The promise of the running work, created on the first then(): like asyncio.create_task, it is started once
  // and remembers its outcome, success or failure.
  let running: Promise<T> | undefined;
  return {
    get started() {
      return running !== undefined;
    },
    then(onFulfilled, onRejected) {
      // new Promise turns a synchronous throw in work() into a rejection instead of an exception from then().
      running ??= new Promise<T>((resolve) => resolve(work()));
      return running.then(onFulfilled, onRejected);
    },
  };
}
