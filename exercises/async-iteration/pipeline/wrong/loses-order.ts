import { AsyncQueue, QueueClosedError } from './support/async-queue.ts';

// A correct pool, but each result is pushed when it finishes, so a fast later item overtakes a slow earlier one.
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const jobs = new AsyncQueue<T>(concurrency);
  const controller = new AbortController();
  const results: R[] = [];
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    controller.abort(error);
    jobs.close();
  };
  const produce = async () => {
    try {
      for await (const item of source) await jobs.put(item);
    } catch (error) {
      if (!(error instanceof QueueClosedError)) fail(error);
    } finally {
      jobs.close();
    }
  };
  const work = async () => {
    for await (const item of jobs) {
      if (failure) return;
      try {
        results.push(await worker(item, controller.signal));
      } catch (error) {
        fail(error);
        return;
      }
    }
  };
  await Promise.all([produce(), ...Array.from({ length: concurrency }, work)]);
  if (failure) throw failure.error;
  return results;
}
