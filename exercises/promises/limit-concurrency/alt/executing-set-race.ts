/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight, starting the next call the moment one
 * finishes, and resolves with the results in input order. Rejects with the first error, starting nothing after it.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  // The p-limit style: one loop starts the calls in order and keeps the running ones in a set. When the set is
  // full, Promise.race waits for whichever call finishes first, which frees a slot for the next item.
  const results = new Array<R>(items.length);
  const executing = new Set<Promise<void>>();
  for (const [index, item] of items.entries()) {
    const call: Promise<void> = fn(item, index).then((value) => {
      results[index] = value;
      executing.delete(call);
    });
    executing.add(call);
    // A failed call rejects this race, so the loop stops here and starts nothing more (fail fast).
    if (executing.size >= limit) await Promise.race(executing);
  }
  // The last few calls: Promise.all also rejects at once if one of them fails.
  await Promise.all(executing);
  return results;
}
