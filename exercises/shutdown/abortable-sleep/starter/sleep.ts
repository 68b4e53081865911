/**
 * Resolves after `ms` milliseconds. If `signal` aborts first (or was aborted already), rejects with
 * `signal.reason` instead. Either way it leaves no timer and no abort listener behind.
 *
 * @example
 *   const controller = new AbortController();
 *   const nap = sleep(1000, controller.signal);
 *   controller.abort(); // nap rejects with controller.signal.reason
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return Promise.reject(new Error('TODO: resolve after ms, reject with signal.reason when the signal aborts'));
}
