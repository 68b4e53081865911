/**
 * Yields the values of all `sources`, each as soon as its source produces it, and finishes when every source is
 * done. When the reader stops early, or a source fails, it calls return() on every unfinished source.
 *
 * @example
 *   for await (const line of merge(tail('a.log'), tail('b.log'))) console.log(line);
 */
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  throw new Error('TODO: race one pending next() per source and yield each value as it arrives');
}
