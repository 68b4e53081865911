// Races the sources, but treats the first source that finishes as the end of the whole stream.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  type Step = { it: AsyncIterator<T>; result: IteratorResult<T> };
  const pending = new Map<AsyncIterator<T>, Promise<Step>>();
  const pull = (it: AsyncIterator<T>) => pending.set(it, it.next().then((result) => ({ it, result })));
  try {
    for (const source of sources) pull(source[Symbol.asyncIterator]());
    while (pending.size > 0) {
      const { it, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(it);
        return;
      }
      yield result.value;
      pull(it);
    }
  } finally {
    for (const it of pending.keys()) it.return?.()?.catch(() => {});
  }
}
