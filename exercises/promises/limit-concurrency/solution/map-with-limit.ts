/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight, starting the next call the moment one
 * finishes, and resolves with the results in input order. Rejects with the first error, starting nothing after it.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0; // the first index no worker has taken yet
  let failed = false;

  // `limit` workers share one queue. Each runs one call at a time, so at most `limit` calls are in flight, and a
  // worker whose call finishes takes the next index straight away (no batches).
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      // Reading and incrementing `next` cannot be interleaved: no other code runs until the next await.
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed = true; // stop the other workers from starting anything new
        throw error;
      }
    }
  }

  // Promise.all rejects with the first worker's error at once (fail fast), like asyncio.gather.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}
