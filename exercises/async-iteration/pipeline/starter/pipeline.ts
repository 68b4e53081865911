import { AsyncQueue, QueueClosedError } from './support/async-queue.ts';

/**
 * Processes every item of `source` with `worker`, at most `concurrency` at a time, through a bounded queue, and
 * resolves with the results in input order. At the first error it starts nothing new, aborts the signal passed to
 * the workers, waits for the running ones to settle, closes the source, and then rejects with that error.
 */
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  throw new Error('TODO: a producer fills an AsyncQueue, `concurrency` workers drain it');
}
