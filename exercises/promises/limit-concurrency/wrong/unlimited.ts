// Mistake: Promise.all over a plain map starts every call at once; the limit is ignored.
export function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return Promise.all(items.map((item, index) => fn(item, index)));
}
