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
    const deadline = new AbortController();
    // Never cleared: after a quick task the timer still waits out the whole deadline.
    setTimeout(() => deadline.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    combined.addEventListener('abort', () => reject(combined.reason), { once: true });
    task(combined).then(resolve, reject);
  });
}
