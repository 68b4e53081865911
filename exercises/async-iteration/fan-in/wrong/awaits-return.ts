// Closes the sources, but waits for them to finish closing before letting the error through.

/**
 * Yields the values of all `sources`, each as soon as its source produces it, and finishes when every source is
 * done. When the reader stops early, or a source fails, it calls return() on every unfinished source.
 */
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  type Step = { it: AsyncIterator<T>; result: IteratorResult<T> };
  // One pending next() per unfinished source, tagged with its iterator so we know who answered.
  const pending = new Map<AsyncIterator<T>, Promise<Step>>();
  const pull = (it: AsyncIterator<T>) => pending.set(it, it.next().then((result) => ({ it, result })));

  try {
    for (const source of sources) pull(source[Symbol.asyncIterator]());
    while (pending.size > 0) {
      // Whichever source answers first wins; the others keep their next() in flight for the next round.
      const { it, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(it);
      } else {
        yield result.value;
        pull(it); // ask this source for more only after its value was handed to the reader
      }
    }
  } finally {
    // Waits until every unfinished source has really closed. A busy async generator handles return() only at its
    // next yield, so the reader gets its error (or leaves its loop) only when the slowest source gets there.
    await Promise.allSettled([...pending.keys()].map((it) => it.return?.()));
  }
}
