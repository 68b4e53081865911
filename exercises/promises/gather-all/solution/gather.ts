/**
 * Calls `fetchOne` for every id, all at the same time, and resolves with the results in the order of `ids`.
 * Rejects with the first error as soon as any request fails.
 */
export function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  // map() calls fetchOne for every id right now, so every request is already running before we wait.
  // Promise.all keeps the input order and rejects with the first rejection (like asyncio.gather).
  return Promise.all(ids.map((id) => fetchOne(id)));
}
