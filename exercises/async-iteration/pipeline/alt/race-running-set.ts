// One loop reads the source and starts a worker call per item; a Set holds the calls in flight, and when it is
// full the loop waits for any of them with Promise.race before reading the next item (the p-limit design). The
// loop reads the source only when a slot is free, so the source is never read ahead. At the first error the loop
// leaves its for await (which closes the source), and Promise.all waits for the calls still running.

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
  const controller = new AbortController();
  const results: R[] = [];
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    controller.abort(error);
  };

  try {
    let index = 0;
    for await (const item of source) {
      if (failure) break;
      const i = index++;
      // Each call catches its own error, so none of these promises ever rejects.
      const call: Promise<void> = worker(item, controller.signal).then(
        (result) => {
          results[i] = result;
        },
        fail,
      );
      running.add(call);
      void call.then(() => running.delete(call));
      if (running.size >= concurrency) await Promise.race(running);
      if (failure) break; // leaving the loop calls the source's return()
    }
  } catch (error) {
    fail(error); // the source itself threw
  }
  await Promise.all(running); // like a TaskGroup: nothing started is left running
  if (failure) throw failure.error;
  return results;
}
