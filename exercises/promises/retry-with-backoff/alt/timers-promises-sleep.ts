// The reference with the other sleep the lesson recommends: setTimeout from node:timers/promises returns a promise
// that resolves after ms, the closest thing Node has to `await asyncio.sleep(seconds)`.
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** How many calls to make in all, at least 1. */
  attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further failure. */
  baseMs: number;
}

/**
 * Calls `fn(1)`, `fn(2)`, ... until one resolves, waiting `baseMs * 2 ** k` ms after the (k + 1)-th failure.
 * Resolves with the first success; rejects with the last error after `attempts` failures.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, { attempts, baseMs }: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // `return await`, not `return`: only an awaited rejection is caught by this try.
      return await fn(attempt);
    } catch (error) {
      lastError = error;
    }
    // No pointless wait after the final attempt.
    if (attempt < attempts) await sleep(baseMs * 2 ** (attempt - 1));
  }
  throw lastError;
}
