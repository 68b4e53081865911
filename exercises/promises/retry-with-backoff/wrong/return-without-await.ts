export interface RetryOptions {
  /** How many calls to make in all, at least 1. */
  attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further failure. */
  baseMs: number;
}

/** A promise that resolves after `ms` milliseconds: the JavaScript `await asyncio.sleep(seconds)`. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Mistake: `return fn(attempt)` without await hands back the pending promise, so its rejection never passes
// through the catch: retry rejects with the first failure and never tries again.
export async function retry<T>(fn: (attempt: number) => Promise<T>, { attempts, baseMs }: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return fn(attempt);
    } catch (error) {
      lastError = error;
    }
    if (attempt < attempts) await sleep(baseMs * 2 ** (attempt - 1));
  }
  throw lastError;
}
