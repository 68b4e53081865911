/**
 * Calls `work` on every item, `chunkSize` items per turn of the event loop, and resolves with the results in
 * input order. Between chunks it lets the loop turn, so timers and I/O callbacks run while a long job goes on.
 */
export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  work: (item: T, index: number) => R,
): Promise<R[]> {
  // Inside an async function a throw becomes a rejection, which is what callers of a promise expect.
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    // `await Promise.resolve()` would only let other microtasks run; setImmediate waits for the loop's next
    // check phase, after it has run due timers and polled for I/O.
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(start + chunkSize, items.length);
    // If work throws, the error leaves the loop: the promise rejects and no later item is touched.
    for (let i = start; i < end; i++) results.push(work(items[i]!, i));
  }
  return results;
}
