// No queue: the N workers share one iterator over the source and each calls next() when it is free, as in the
// lesson's fan-out sample. The iterator itself is the line of waiting items, and since nobody reads ahead there is
// nothing to bound. At the first error the workers stop asking for items, and the pipeline closes the source by
// calling the iterator's return() itself, because no for await loop does it here.

/**
 * Processes every item of `source` with `worker`, at most `concurrency` at a time, and resolves with the results in
 * input order. At the first error it starts nothing new, aborts the signal passed to the workers, waits for the
 * running ones to settle, closes the source, and then rejects with that error.
 */
export async function pipeline<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  // An async generator's next() calls queue up, so several workers may wait on it at once; a sync iterator answers
  // at once. `await it.next()` works for both.
  const it: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const controller = new AbortController();
  const results: R[] = [];
  let failure: { error: unknown } | undefined;
  let sourceDone = false;
  let next = 0; // the index of the next item taken, in source order

  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    controller.abort(error);
  };

  const work = async () => {
    while (!failure) {
      let step: IteratorResult<T>;
      try {
        step = await it.next();
      } catch (error) {
        sourceDone = true; // a source that threw is finished
        fail(error);
        return;
      }
      if (step.done) {
        sourceDone = true;
        return;
      }
      const index = next++; // taken right after next() settles, so indexes follow the source's order
      if (failure) return; // an item that arrived after the failure is not started
      try {
        results[index] = await worker(step.value, controller.signal);
      } catch (error) {
        fail(error);
      }
    }
  };

  await Promise.all(Array.from({ length: concurrency }, work));
  if (failure) {
    if (!sourceDone) await it.return?.(); // close the source (an async generator runs its finally)
    throw failure.error;
  }
  return results;
}
