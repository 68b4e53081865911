/** The error withTimeout rejects with when the deadline passes. Check for it with `error instanceof TimeoutError`. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}


// Mistake: the timer is cleared when the promise resolves, but not when it rejects first.
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, reject);
  });
}
