/** The error withTimeout rejects with when the deadline passes. Check for it with `error instanceof TimeoutError`. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}


// Mistake: the race is right, but the timer is never cleared, so it stays pending after the promise wins.
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const deadline = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([promise, deadline]);
}
