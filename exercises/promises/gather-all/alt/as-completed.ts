/**
 * Calls `fetchOne` for every id, all at the same time, and resolves with the results in the order of `ids`.
 * Rejects with the first error as soon as any request fails.
 */
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  // The lesson's as_completed loop: race the requests not yet seen, take whichever settles first and put its
  // result at its own index. A rejection wins its race at the moment it happens, which is the fail-fast.
  const results = new Array<T>(ids.length);
  const pending = new Map(ids.map((id, index) => [index, fetchOne(id).then((value) => ({ index, value }))]));
  while (pending.size > 0) {
    const { index, value } = await Promise.race(pending.values());
    pending.delete(index);
    results[index] = value;
  }
  return results;
}
