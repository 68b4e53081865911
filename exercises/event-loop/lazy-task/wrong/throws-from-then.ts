/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/** The mistake: work() is called directly, so a synchronous throw escapes from then() and is not remembered. */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  let running: Promise<T> | undefined;
  return {
    get started() {
      return running !== undefined;
    },
    then(onFulfilled, onRejected) {
      running ??= work();
      return running.then(onFulfilled, onRejected);
    },
  };
}
