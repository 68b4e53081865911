/**
 * Without AbortSignal.any (as on Node before 20.3): one controller for the task, aborted by the deadline's timer
 * or by a listener on the caller's signal. Every way out goes through `finish`, which clears the timer and
 * unhooks that listener, so a long-lived caller's signal collects nothing.
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
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(signal?.reason);
    const timer = setTimeout(() => controller.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    };
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    controller.signal.addEventListener(
      'abort',
      () => {
        finish();
        reject(controller.signal.reason);
      },
      { once: true },
    );
    task(controller.signal).then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}
