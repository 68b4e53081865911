/**
 * The deadline as the lesson recommends it: AbortSignal.timeout(ms) makes the TimeoutError signal and
 * AbortSignal.any joins it with the caller's. Its timer is unref'd and cannot be cleared, so "leave nothing behind"
 * here means: remove our own listener once the task has settled.
 */
export function withDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timeout = AbortSignal.timeout(ms);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const onAbort = () => reject(combined.reason);
    combined.addEventListener('abort', onAbort, { once: true });
    task(combined)
      .then(resolve, reject)
      .finally(() => combined.removeEventListener('abort', onAbort));
  });
}
