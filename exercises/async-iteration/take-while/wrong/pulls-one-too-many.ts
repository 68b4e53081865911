// Checks the count at the top of the loop, so the value after the n-th has already been pulled (and lost) when
// take notices it is done.
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  let count = 0;
  for await (const item of source) {
    if (count >= n) return;
    count++;
    yield item;
  }
}

export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  let index = 0;
  for await (const item of source) yield await fn(item, index++);
}

export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of source) {
    if (!predicate(item)) return;
    yield item;
  }
}
