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
    // Looks like a yield, but only lets other microtasks run: timers and I/O still wait.
    if (start > 0) await Promise.resolve();
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results.push(work(items[i]!, i));
  }
  return results;
}
