/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight, starting the next call the moment one
 * finishes, and resolves with the results in input order. Rejects with the first error, starting nothing after it.
 *
 * @example
 *   await mapWithLimit(urls, 4, (url) => download(url)); // never more than 4 downloads at once
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  throw new Error('TODO: run fn over items with at most `limit` calls in flight');
}
