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
    // Races the task against a timer, but the task is handed only the caller's signal (or one that never
    // aborts): on the deadline the caller gets its TimeoutError while the task keeps working.
    const timer = setTimeout(() => reject(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    task(signal ?? new AbortController().signal)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
  });
}
