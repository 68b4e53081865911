// One pump per source with for await, copying into a shared buffer. When the reader stops or a source fails, the
// pumps are only asked to stop: each one notices the flag after its source's next value, and only then does its
// for await call return(). So the other sources are closed after the error has reached the reader (and a source
// that never produces again is never closed).

export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const buffer: T[] = [];
  let pumping = 0;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const pump = async (source: AsyncIterable<T>) => {
    try {
      for await (const value of source) {
        if (stopped) break; // leaving the loop calls the source's return()
        buffer.push(value);
        notify();
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      pumping--;
      notify();
    }
  };

  for (const source of sources) {
    pumping++;
    void pump(source);
  }

  try {
    while (true) {
      if (buffer.length > 0) yield buffer.shift()!;
      else if (failure) throw failure.error;
      else if (pumping === 0) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopped = true;
  }
}
