/** The error withTimeout rejects with when the deadline passes. Check for it with `error instanceof TimeoutError`. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles like `promise` if it settles within `ms` milliseconds; otherwise rejects with `new TimeoutError(ms)`.
 * Leaves no timer behind once the returned promise has settled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // A race written by hand: one new promise, settled by whichever comes first. A promise settles once, so the
  // loser's resolve or reject is simply ignored; the timer is cleared on both of the promise's outcomes.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
