// One item at a time: correct results, in order, and tidy on errors, but the concurrency is ignored.
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const controller = new AbortController();
  const results: R[] = [];
  for await (const item of source) results.push(await worker(item, controller.signal));
  return results;
}
