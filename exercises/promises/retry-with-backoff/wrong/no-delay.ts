export interface RetryOptions {
  /** How many calls to make in all, at least 1. */
  attempts: number;
  /** The wait after the first failure, in ms; it doubles after each further failure. */
  baseMs: number;
}

/** A promise that resolves after `ms` milliseconds: the JavaScript `await asyncio.sleep(seconds)`. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Mistake: it retries straight away, hammering a service that is already failing.
export async function retry<T>(fn: (attempt: number) => Promise<T>, { attempts }: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
