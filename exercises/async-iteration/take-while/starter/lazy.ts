/**
 * Yields the first `n` values of `source`, pulling each one only when asked, and calls the source's return()
 * when it stops before the source is done. Yields nothing (and pulls nothing) when n <= 0.
 *
 * @example
 *   for await (const x of take(numbers(), 2)) console.log(x); // first two numbers
 */
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  throw new Error('TODO: yield the first n values of source, one pull at a time');
}

/**
 * Yields `await fn(item, index)` for each value of `source`, one at a time, pulling only when asked. Closes the
 * source when the reader stops early or `fn` fails.
 */
export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  throw new Error('TODO: yield the awaited result of fn for each value');
}

/**
 * Yields values while `predicate(value)` is true; at the first false it stops (without yielding that value) and
 * closes the source.
 */
export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  throw new Error('TODO: yield values until the predicate fails');
}
