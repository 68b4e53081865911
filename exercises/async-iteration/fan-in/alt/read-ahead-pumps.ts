// The Python recipe: one task per source copies its values into a shared buffer, and the merged stream reads the
// buffer. Here each "task" is an async function (a pump) that calls next() on its source in a loop. The pumps read
// ahead of the reader (the buffer is unbounded, like asyncio.Queue()), which is fine for sources that only
// produce as fast as, say, a socket delivers.

/**
 * Yields the values of all `sources`, each as soon as its source produces it, and finishes when every source is
 * done. When the reader stops early, or a source fails, it calls return() on every unfinished source.
 */
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const buffer: T[] = [];
  const unfinished = new Set<AsyncIterator<T>>();
  let pumping = 0;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wake: (() => void) | undefined; // resolves the merge loop's wait, when it waits
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const pump = async (it: AsyncIterator<T>) => {
    try {
      while (!stopped) {
        const result = await it.next();
        if (result.done) {
          unfinished.delete(it);
          return;
        }
        if (stopped) return; // the reader has gone; nobody will read this value
        buffer.push(result.value);
        notify();
      }
    } catch (error) {
      unfinished.delete(it); // a source that threw is finished
      failure ??= { error };
    } finally {
      pumping--;
      notify();
    }
  };

  for (const source of sources) {
    const it = source[Symbol.asyncIterator]();
    unfinished.add(it);
    pumping++;
    void pump(it);
  }

  try {
    while (true) {
      if (buffer.length > 0) yield buffer.shift()!;
      else if (failure) throw failure.error;
      else if (pumping === 0) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // A pump that is waiting in next() cannot be interrupted, so tell the sources directly, and do not wait: a busy
    // async generator handles return() only at its next yield.
    stopped = true;
    for (const it of unfinished) it.return?.()?.catch(() => {});
  }
}
