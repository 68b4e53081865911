/**
 * Calls `fetchOne` for every id, all at the same time, and resolves with the results in the order of `ids`.
 * Rejects with the first error as soon as any request fails.
 */
export function fetchAll<T>(ids: readonly string[], fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  // Promise.all written out: start every request, store each result at its own index, count the ones still
  // missing. The first rejection rejects the whole promise; later ones are ignored (a promise settles once), but
  // every request has a handler from the start, so none of them goes unhandled.
  return new Promise<T[]>((resolve, reject) => {
    const results = new Array<T>(ids.length);
    let missing = ids.length;
    if (missing === 0) resolve(results);
    ids.forEach((id, index) => {
      fetchOne(id).then((value) => {
        results[index] = value;
        if (--missing === 0) resolve(results);
      }, reject);
    });
  });
}
