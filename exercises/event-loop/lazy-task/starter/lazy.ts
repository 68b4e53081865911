/** An awaitable whose work starts only when it is first awaited. */
export interface LazyTask<T> extends PromiseLike<T> {
  /** Whether the work has been started (by the first await or call of then). */
  readonly started: boolean;
}

/**
 * Wraps `work` without running it. The first `await` (or `then`) runs it; later awaits share its result.
 */
export function lazy<T>(work: () => Promise<T>): LazyTask<T> {
  throw new Error('TODO: return an awaitable that calls work() only when first awaited');
}
