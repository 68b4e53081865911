// No Promise.race: each pending next() gets a callback that appends its outcome to a list of arrivals and wakes the
// merge loop, which takes the arrivals in the order they settled. This is how Python's asyncio.as_completed works
// inside (done callbacks feeding a queue). Like the race version it keeps one next() in flight per source and asks
// a source again only after its value was handed to the reader.

/**
 * Yields the values of all `sources`, each as soon as its source produces it, and finishes when every source is
 * done. When the reader stops early, or a source fails, it calls return() on every unfinished source.
 */
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  type Arrival = { it: AsyncIterator<T>; result: IteratorResult<T> } | { it: AsyncIterator<T>; error: unknown };
  const arrivals: Arrival[] = [];
  const open = new Set<AsyncIterator<T>>(); // sources that have not finished
  let wake: (() => void) | undefined;

  const arrive = (arrival: Arrival) => {
    arrivals.push(arrival);
    wake?.();
    wake = undefined;
  };
  const pull = (it: AsyncIterator<T>) => {
    it.next().then(
      (result) => arrive({ it, result }),
      (error: unknown) => arrive({ it, error }),
    );
  };

  try {
    for (const source of sources) {
      const it = source[Symbol.asyncIterator]();
      open.add(it);
      pull(it);
    }
    while (open.size > 0) {
      while (arrivals.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const arrival = arrivals.shift()!;
      if ('error' in arrival) {
        open.delete(arrival.it); // it has finished by throwing
        throw arrival.error;
      }
      if (arrival.result.done) {
        open.delete(arrival.it);
      } else {
        yield arrival.result.value;
        pull(arrival.it);
      }
    }
  } finally {
    for (const it of open) it.return?.()?.catch(() => {}); // send, do not wait: a busy source answers late
  }
}
