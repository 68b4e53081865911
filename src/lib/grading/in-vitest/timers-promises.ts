// `node:timers/promises` for graded code, built on the global timer functions. Graders that use Vitest's fake
// timers (vi.useFakeTimers) replace the globals, but Node's own timers/promises keeps its private references to
// the real ones, so a learner who sleeps with `await setTimeout(ms)` from it (as the lessons recommend) would
// wait in real time while the grader moves a virtual clock. The grading workspace aliases both
// `node:timers/promises` and `timers/promises` to this module, which looks the globals up at each call: with real
// timers it behaves as Node's, with fake timers it runs on the grader's clock.
// Same signatures and the same abort behaviour as Node's: a signal aborted before or during the wait rejects with
// an AbortError (code ABORT_ERR) whose `cause` is the signal's reason.

interface TimerOptions {
  signal?: AbortSignal | undefined;
  ref?: boolean | undefined;
}

class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  constructor(cause: unknown) {
    super('The operation was aborted', { cause });
    this.name = 'AbortError';
  }
}

interface Handle {
  unref?: () => unknown;
}

/** One wait: `arm` starts the timer and returns its cancel function. */
function wait<T>(value: T, options: TimerOptions | undefined, arm: (fire: () => void) => { cancel: () => void; handle: Handle }): Promise<T> {
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(new AbortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(new AbortError(signal!.reason));
    };
    const timer = arm(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (options?.ref === false) timer.handle.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T> {
  return wait(value as T, options, (fire) => {
    const handle = globalThis.setTimeout(fire, delay);
    return { handle: handle as Handle, cancel: () => globalThis.clearTimeout(handle) };
  });
}

export function setImmediate<T = void>(value?: T, options?: TimerOptions): Promise<T> {
  return wait(value as T, options, (fire) => {
    const handle = globalThis.setImmediate(fire);
    return { handle: handle as Handle, cancel: () => globalThis.clearImmediate(handle) };
  });
}

export async function* setInterval<T = void>(delay?: number, value?: T, options?: TimerOptions): AsyncGenerator<T, void, unknown> {
  const signal = options?.signal;
  if (signal?.aborted) throw new AbortError(signal.reason);
  let due = 0;
  let wake: (() => void) | undefined;
  const handle = globalThis.setInterval(() => {
    due++;
    wake?.();
  }, delay);
  if (options?.ref === false) (handle as Handle).unref?.();
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (!due && !signal?.aborted) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (signal?.aborted) throw new AbortError(signal.reason);
      due--;
      yield value as T;
    }
  } finally {
    globalThis.clearInterval(handle);
    signal?.removeEventListener('abort', onAbort);
  }
}

export const scheduler = {
  wait: (delay: number, options?: TimerOptions): Promise<void> => setTimeout(delay, undefined, options),
  yield: (): Promise<void> => setImmediate(),
};

export default { setTimeout, setImmediate, setInterval, scheduler };
