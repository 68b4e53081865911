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
  // The deadline is an AbortSignal: the timer aborts it with the TimeoutError as its reason, and the race listens
  // for the abort. The same signal could be passed to the work (fetch, timers/promises) so that it stops too.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(ms)), ms);
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => clearTimeout(timer));
}
