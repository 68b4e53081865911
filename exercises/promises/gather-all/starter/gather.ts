/**
 * Calls `fetchOne` for every id, all at the same time, and resolves with the results in the order of `ids`.
 * Rejects with the first error as soon as any request fails.
 *
 * @example
 *   await fetchAll(['slow', 'fast'], service.request); // ['result:slow', 'result:fast'], after the slow delay only
 */
export async function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  throw new Error('TODO: start every request, then wait for all of them');
}
