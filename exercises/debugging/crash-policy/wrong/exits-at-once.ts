import type { EventEmitter } from 'node:events';

/**
 * Starts `task()` right away without waiting for it. If it fails (its promise rejects, or it throws before
 * returning one), the error goes to `onError`, and never becomes an unhandled rejection.
 */
export function runInBackground(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
  // new Promise turns a synchronous throw into a rejection, and .catch is attached in the same synchronous step,
  // long before Node looks for unhandled rejections (after the microtasks of this turn).
  new Promise<unknown>((resolve) => resolve(task())).catch(onError);
}

/** The parts of `process` the crash policy uses; the real `process` fits, and so does a fake in tests. */
export interface ProcessLike extends EventEmitter {
  exitCode: number | string | null | undefined;
  exit(code?: number): void;
}

export interface CrashPolicyOptions {
  /** Writes one log line. */
  log: (line: string) => void;
  /** Stops the program gracefully (closes servers, flushes logs); called at most once. */
  shutdown: () => Promise<void>;
}

/** The stack says where the error came from; a thrown non-Error has none, so it is shown as a string. */
const describe = (reason: unknown) => (reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason));

/**
 * Listens for 'unhandledRejection' and 'uncaughtException' on `proc`. Each one is logged with its stack, sets
 * `proc.exitCode = 1` and, the first time, starts `shutdown()`. Never exits at once. Returns a function
 * that removes the two listeners again.
 */
export function installCrashPolicy(proc: ProcessLike, options: CrashPolicyOptions): () => void {
  const { log, shutdown } = options;
  let shuttingDown = false;
  const onFailure = (kind: string) => (reason: unknown) => {
    log(`${kind}: ${describe(reason)}`);
    // The mistake: end the process right away. In-flight requests are cut off and shutdown never runs.
    proc.exit(1);
    if (shuttingDown) return;
    shuttingDown = true;
    // The shutdown's own failure must not become one more unhandled rejection.
    new Promise<void>((resolve) => resolve(shutdown())).catch((error: unknown) => log(`shutdown failed: ${describe(error)}`));
  };
  const onRejection = onFailure('unhandled rejection');
  const onException = onFailure('uncaught exception');
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  // Remove exactly our two listeners: others (a monitoring agent, a test runner) may listen too.
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
