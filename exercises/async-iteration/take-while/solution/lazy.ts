// Each helper is an async generator: its body runs only while its reader waits in next(), and it pauses at
// every yield. A for await loop inside it pulls one value per turn, and leaving that loop early (return, break,
// or an error) calls the source's return(), so the source's finally blocks run at once.

/** Yields the first `n` values of `source`, pulling each one only when asked. */
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return; // nothing wanted: do not even start the source
  let count = 0;
  for await (const item of source) {
    yield item;
    // Check after the yield: checking at the top of the loop would pull value n + 1 and then drop it.
    if (++count >= n) return;
  }
}

/** Yields `await fn(item, index)` for each value of `source`, one at a time. */
export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  let index = 0;
  // If fn rejects, the error leaves the loop: the source is closed and the reader's loop gets the error.
  for await (const item of source) yield await fn(item, index++);
}

/** Yields values while `predicate(value)` is true, then stops and closes the source. */
export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of source) {
    if (!predicate(item)) return;
    yield item;
  }
}
