/** The lesson's semaphore: a count of free permits and a queue of waiting callers' resolve functions. */
class Semaphore {
  #free: number;
  #waiting: (() => void)[] = [];
  constructor(permits: number) {
    this.#free = permits;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next(); // hand the permit straight to the next waiter
    else this.#free++;
  }
}

/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight, starting the next call the moment one
 * finishes, and resolves with the results in input order. Rejects with the first error, starting nothing after it.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  // Python's recipe: gather every task and let asyncio.Semaphore(limit) make all but `limit` of them wait.
  const sem = new Semaphore(limit);
  let failed = false;
  return Promise.all(
    items.map(async (item, index) => {
      await sem.acquire();
      try {
        // Callers that got their permit after a failure skip the call: nothing new starts after the first error.
        if (failed) throw new Error('skipped after an earlier failure');
        return await fn(item, index);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        sem.release(); // like `async with sem:`, the permit goes back even when the call throws
      }
    }),
  );
}
