export function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  // Checked before any promise exists, so a bad chunkSize throws at the caller instead of rejecting.
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  const runChunk = (start: number) => {
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results.push(work(items[i]!, i));
  };
  // The first chunk runs right away, outside any promise: if work throws here, so does processInChunks.
  runChunk(0);
  return new Promise<R[]>((resolve, reject) => {
    const next = (start: number) => {
      if (start >= items.length) return resolve(results);
      setImmediate(() => {
        try {
          runChunk(start);
          next(start + chunkSize);
        } catch (error) {
          reject(error);
        }
      });
    };
    next(chunkSize);
  });
}
