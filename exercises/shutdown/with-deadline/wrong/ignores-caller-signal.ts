export function withDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Only the deadline counts; the caller's signal is accepted and then forgotten.
    void signal;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true });
    task(deadline.signal)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
