// The deadline is setTimeout from node:timers/promises; an AbortController cancels that timer once the race is over.
import { setTimeout as sleep } from 'node:timers/promises';

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
  const cancelTimer = new AbortController();
  // Aborting the sleep clears its timer and rejects it with an AbortError; the race has already been decided by
  // then and it handles that rejection too, so nothing goes unhandled.
  const deadline = sleep(ms, undefined, { signal: cancelTimer.signal }).then((): never => {
    throw new TimeoutError(ms);
  });
  return Promise.race([promise, deadline]).finally(() => cancelTimer.abort());
}
