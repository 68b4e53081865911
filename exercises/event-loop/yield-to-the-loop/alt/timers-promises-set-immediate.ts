import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/**
 * Calls `work` on every item, `chunkSize` items per turn of the event loop, and resolves with the results in
 * input order. Yields with Node's promise-returning setImmediate, which the lesson recommends: it resolves in the
 * loop's check phase, like wrapping the callback version in a promise by hand.
 */
export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await nextLoopTurn();
    for (const [offset, item] of items.slice(start, start + chunkSize).entries()) {
      results.push(work(item, start + offset));
    }
  }
  return results;
}
