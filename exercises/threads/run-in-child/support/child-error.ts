/**
 * How a child process failed: it exited with `code` (a number, `signal` null), or was killed by `signal` (a name
 * such as 'SIGTERM', `code` null), before replying. `timedOut` is true when it was killed because its deadline
 * passed.
 */
export class ChildFailedError extends Error {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;

  constructor(code: number | null, signal: NodeJS.Signals | null, timedOut = false) {
    super(
      timedOut
        ? `the child was still running at its deadline and was killed with ${signal ?? 'a signal'}`
        : signal
          ? `the child was killed by ${signal} before replying`
          : `the child exited with code ${code} before replying`,
    );
    this.name = 'ChildFailedError';
    this.code = code;
    this.signal = signal;
    this.timedOut = timedOut;
  }
}
