// Checks the concurrency before starting, but throws the RangeError from a plain function: the caller's
// `pipeline(...).catch(...)` never sees it.
import { AsyncQueue, QueueClosedError } from './support/async-queue.ts';

/**
 * Processes every item of `source` with `worker`, at most `concurrency` at a time, through a bounded queue, and
 * resolves with the results in input order. At the first error it starts nothing new, aborts the signal passed to
 * the workers, waits for the running ones to settle, closes the source, and then rejects with that error.
 */
export function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  // Not an async function: this throw escapes synchronously from the call instead of rejecting the promise.
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  return run(source, concurrency, worker);
}

async function run<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  // A capacity of `concurrency` keeps the producer just ahead of the workers (backpressure).
  const jobs = new AsyncQueue<{ item: T; index: number }>(concurrency);
  const controller = new AbortController();
  const results: R[] = [];
  let failure: { error: unknown } | undefined; // wrapped, so that even `throw undefined` counts as a failure

  const fail = (error: unknown) => {
    if (failure) return; // only the first error is reported
    failure = { error };
    controller.abort(error); // running workers may stop early
    jobs.close(); // the producer's waiting put rejects; workers find no new job
  };

  const produce = async () => {
    let index = 0;
    try {
      // Leaving this loop for any reason (a rejected put included) calls the source's return().
      for await (const item of source) await jobs.put({ item, index: index++ });
    } catch (error) {
      if (!(error instanceof QueueClosedError)) fail(error); // the source itself threw
    } finally {
      jobs.close(); // normal end: the workers drain what is left, then their loops end
    }
  };

  const work = async () => {
    for await (const { item, index } of jobs) {
      if (failure) return; // jobs still queued after a failure are never started
      try {
        results[index] = await worker(item, controller.signal);
      } catch (error) {
        fail(error);
        return;
      }
    }
  };

  // No task lets an error escape, so this waits for every one of them, like an asyncio.TaskGroup.
  await Promise.all([produce(), ...Array.from({ length: concurrency }, work)]);
  if (failure) throw failure.error;
  return results;
}
