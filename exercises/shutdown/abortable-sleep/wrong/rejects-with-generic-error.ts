export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('sleep aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      // A fresh error hides the caller's reason (and is not even an AbortError).
      reject(new Error('sleep aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
