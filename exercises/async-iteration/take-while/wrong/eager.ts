// Reads the whole source into an array first, then hands the values out: right values, wrong rhythm.
async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of source) all.push(item);
  return all;
}

export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return;
  yield* (await collect(source)).slice(0, n);
}

export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  const results = await Promise.all((await collect(source)).map((item, i) => fn(item, i)));
  yield* results;
}

export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  for (const item of await collect(source)) {
    if (!predicate(item)) return;
    yield item;
  }
}
