// Mistake: every request starts at once, but the loop then awaits them one by one. While it waits on an earlier
// promise, a later one that rejects has no handler yet: an unhandled rejection, which crashes a Node process.
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const pending = ids.map((id) => fetchOne(id));
  const results: T[] = [];
  for (const p of pending) {
    results.push(await p);
  }
  return results;
}
