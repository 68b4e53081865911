// Mistake: awaiting inside the loop starts each request only after the previous one has finished.
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const id of ids) {
    results.push(await fetchOne(id));
  }
  return results;
}
