/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/** The mistake: the promise is created at once, so the work runs before anyone awaits it. */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  const running = work();
  let awaited = false;
  return {
    get started() {
      return awaited;
    },
    then(onFulfilled, onRejected) {
      awaited = true;
      return running.then(onFulfilled, onRejected);
    },
  };
}
