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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  // Whoever settles first decides the race. finally() runs on both outcomes, so the timer never outlives it.
  // Unlike asyncio.wait_for, this does not stop the work behind `promise`: a promise cannot be cancelled.
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
