/**
 * Calls `work` on every item, `chunkSize` items per turn of the event loop, and resolves with the results in
 * input order. Between chunks it lets the event loop turn (setImmediate), so timers and I/O callbacks can run
 * while a long job goes on.
 *
 * Rejects with a RangeError when `chunkSize` is not a positive integer, and with `work`'s error (touching no
 * further item) when `work` throws.
 *
 * @example
 *   await processInChunks(['a', 'b', 'c'], 2, (s, i) => `${i}:${s}`); // ['0:a', '1:b', '2:c'], in two turns
 */
export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  throw new Error('TODO: call work on every item, chunkSize items per turn of the event loop');
}
