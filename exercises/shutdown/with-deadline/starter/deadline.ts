/**
 * Runs `task` with an AbortSignal that aborts when `ms` milliseconds pass (reason: a DOMException named
 * TimeoutError) or when the caller's `signal` aborts (its reason), whichever comes first. Resolves or rejects
 * like the task, or rejects with the abort reason as soon as the task's signal aborts. Leaves no timer behind.
 *
 * @example
 *   await withDeadline((signal) => fetch(url, { signal }), 5000, request.signal);
 */
export function withDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  signal?: AbortSignal,
): Promise<T> {
  return Promise.reject(new Error('TODO: run the task with a signal that aborts at the deadline or with the caller'));
}
