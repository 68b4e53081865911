/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/** The mistake: the work is not remembered, so each await runs it again. */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  let started = false;
  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      started = true;
      return new Promise<T>((resolve) => resolve(work())).then(onFulfilled, onRejected);
    },
  };
}
