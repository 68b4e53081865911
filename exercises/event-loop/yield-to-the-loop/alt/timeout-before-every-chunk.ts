/**
 * Calls `work` on every item, `chunkSize` items per turn of the event loop, and resolves with the results in
 * input order. Waits for a 0 ms timer before every chunk, the first one included: the instructions accept both a
 * 0 ms timer and a first chunk that starts on a later turn. A timer resumes the function in the timers phase, one
 * loop turn later, so due timers, I/O and immediates all get their turn in between.
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
  let next = 0;
  while (next < items.length) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const end = Math.min(next + chunkSize, items.length);
    for (; next < end; next++) results.push(work(items[next]!, next));
  }
  return results;
}
