// Races the sources correctly, but simply stops when the reader stops: the other sources are never told.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  type Step = { it: AsyncIterator<T>; result: IteratorResult<T> };
  const pending = new Map<AsyncIterator<T>, Promise<Step>>();
  const pull = (it: AsyncIterator<T>) => pending.set(it, it.next().then((result) => ({ it, result })));
  for (const source of sources) pull(source[Symbol.asyncIterator]());
  while (pending.size > 0) {
    const { it, result } = await Promise.race(pending.values());
    if (result.done) {
      pending.delete(it);
    } else {
      yield result.value;
      pull(it);
    }
  }
}
