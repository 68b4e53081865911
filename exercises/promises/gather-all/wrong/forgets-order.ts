// Mistake: the requests run together, but results are pushed in the order they finish, not the order of ids.
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  await Promise.all(
    ids.map(async (id) => {
      results.push(await fetchOne(id));
    }),
  );
  return results;
}
