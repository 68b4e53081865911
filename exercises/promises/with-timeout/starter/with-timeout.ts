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
 *
 * @example
 *   await withTimeout(delay(20, 'data'), 100); // 'data'
 *   await withTimeout(delay(500, 'late'), 100); // rejects with TimeoutError: timed out after 100 ms
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.reject(new Error('TODO: race the promise against a timer that rejects with a TimeoutError'));
}
