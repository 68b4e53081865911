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
    const timer = setTimeout(() => controller.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    // Links the caller's signal by hand and never unhooks it: every call leaves one more listener (and its
    // closure, controller included) on a signal that may live as long as the server.
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    controller.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(controller.signal.reason);
      },
      { once: true },
    );
    task(controller.signal)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
