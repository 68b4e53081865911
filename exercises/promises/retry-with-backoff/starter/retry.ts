export interface RetryOptions {
  /** How many calls to make in all, at least 1. */
  attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further failure. */
  baseMs: number;
}

/**
 * Calls `fn(1)`, `fn(2)`, ... until one resolves, waiting `baseMs * 2 ** k` ms after the (k + 1)-th failure.
 * Resolves with the first success; rejects with the last error after `attempts` failures.
 *
 * @example
 *   await retry(flaky, { attempts: 4, baseMs: 100 }); // calls at 0, 100, 300 and 700 ms if it keeps failing
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  throw new Error('TODO: call fn, and after each failure wait baseMs * 2 ** k before calling it again');
}
