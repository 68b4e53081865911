// Starts a worker call for every item at once: results in order, but no limit at all.
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const controller = new AbortController();
  const items: T[] = [];
  for await (const item of source) items.push(item);
  try {
    return await Promise.all(items.map((item) => worker(item, controller.signal)));
  } catch (error) {
    controller.abort(error);
    throw error;
  }
}
