/**
 * Resolves after `ms` milliseconds. If `signal` aborts first (or was aborted already), rejects with
 * `signal.reason` instead. Either way it leaves no timer and no abort listener behind.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // An aborted signal never fires 'abort' again: a listener added now would wait forever.
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer); // a timer left behind would keep the process alive for nothing
      reject(signal?.reason); // the caller's own reason, so it can tell why the work stopped
    };
    const timer = setTimeout(() => {
      // The signal may live far longer than this sleep; a listener left on it keeps this closure alive too.
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
