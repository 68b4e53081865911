export interface RetryOptions {
  /** How many calls to make in all, at least 1. */
  attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further failure. */
  baseMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn(1)`, `fn(2)`, ... until one resolves, waiting `baseMs * 2 ** k` ms after the (k + 1)-th failure.
 * Resolves with the first success; rejects with the last error after `attempts` failures.
 */
export function retry<T>(fn: (attempt: number) => Promise<T>, { attempts, baseMs }: RetryOptions): Promise<T> {
  // No loop: each attempt is a promise chain, and its catch either gives up or schedules the next attempt.
  // A rejection of the last attempt simply passes through (rethrown), which is "reject with the last error".
  const attempt = (n: number): Promise<T> =>
    fn(n).catch((error: unknown) => {
      if (n >= attempts) throw error;
      return sleep(baseMs * 2 ** (n - 1)).then(() => attempt(n + 1));
    });
  return attempt(1);
}
