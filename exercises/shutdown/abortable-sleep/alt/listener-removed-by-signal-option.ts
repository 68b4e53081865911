/**
 * The listener is registered with `{ signal: done.signal }`: aborting `done` removes it, so every way out of the
 * sleep just calls done.abort() and no removeEventListener with the same function object is needed.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const done = new AbortController();
    const timer = setTimeout(() => {
      done.abort(); // unhooks the abort listener below
      resolve();
    }, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done.abort();
        reject(signal.reason);
      },
      { once: true, signal: done.signal },
    );
  });
}
