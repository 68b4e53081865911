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
    // Looks perfect, but AbortSignal.timeout runs on Node's own clock, which fake timers do not move
    // (and in a real program its unref'd timer cannot keep the process alive while the task waits).
    const timeout = AbortSignal.timeout(ms);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    combined.addEventListener('abort', () => reject(combined.reason), { once: true });
    task(combined).then(resolve, reject);
  });
}
