// Mistake: allSettled waits for every request, so a failure is reported only when the slowest one is done.
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const outcomes = await Promise.allSettled(ids.map((id) => fetchOne(id)));
  const results: T[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') throw outcome.reason;
    results.push(outcome.value);
  }
  return results;
}
