// The helpers drive their source by hand: get its iterator, call next() in a while loop, and close it in a
// finally. That finally is what a for await loop would otherwise do for us; it runs whenever the helper stops
// (its own return, the reader's break, or an error), and is skipped once the source has ended on its own.

/** Yields the first `n` values of `source`, pulling each one only when asked. */
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return;
  const it = source[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (let count = 0; count < n; ) {
      const result = await it.next();
      if (result.done) {
        ended = true;
        return;
      }
      yield result.value;
      count++; // counted after the yield: value n + 1 is never pulled
    }
  } finally {
    if (!ended) await it.return?.();
  }
}

/** Yields `await fn(item, index)` for each value of `source`, one at a time. */
export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  const it = source[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (let index = 0; ; index++) {
      const result = await it.next();
      if (result.done) {
        ended = true;
        return;
      }
      yield await fn(result.value, index); // if fn rejects, the finally closes the source
    }
  } finally {
    if (!ended) await it.return?.();
  }
}

/** Yields values while `predicate(value)` is true, then stops and closes the source. */
export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let ended = false;
  try {
    while (true) {
      const result = await it.next();
      if (result.done) {
        ended = true;
        return;
      }
      if (!predicate(result.value)) return;
      yield result.value;
    }
  } finally {
    if (!ended) await it.return?.();
  }
}
