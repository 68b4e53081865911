export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    results.push(work(items[i]!, i));
  }
  return results;
}
