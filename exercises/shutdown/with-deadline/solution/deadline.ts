/**
 * Runs `task` with an AbortSignal that aborts when `ms` milliseconds pass (reason: a DOMException named
 * TimeoutError) or when the caller's `signal` aborts (its reason), whichever comes first. Resolves or rejects
 * like the task, or rejects with the abort reason as soon as the task's signal aborts. Leaves no timer behind.
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
    // AbortSignal.timeout(ms) would make this signal too (alt/abort-signal-timeout.ts); a timer of our own can be
    // cleared the moment the task settles, instead of lingering unref'd until the deadline.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError')), ms);
    // One signal for the task: it aborts with the reason of whichever source aborts first.
    const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const onAbort = () => {
      clearTimeout(timer);
      // Do not wait for the task to notice: the caller gets its answer now. A promise settles once, so
      // whatever the task does later is ignored.
      reject(combined.reason);
    };
    combined.addEventListener('abort', onAbort, { once: true });
    task(combined)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        combined.removeEventListener('abort', onAbort);
      });
  });
}
