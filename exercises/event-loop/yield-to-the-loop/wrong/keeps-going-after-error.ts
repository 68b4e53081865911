export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  let firstError: unknown;
  let failed = false;
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) {
      // One bad item should not lose the whole job... but the caller asked it to stop.
      try {
        results.push(work(items[i]!, i));
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
  }
  if (failed) throw firstError;
  return results;
}
