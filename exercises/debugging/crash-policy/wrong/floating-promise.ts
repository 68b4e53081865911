import type { EventEmitter } from 'node:events';

/**
 * Starts `task()` right away without waiting for it. If it fails (its promise rejects, or it throws before
 * returning one), the error goes to `onError`, and never becomes an unhandled rejection.
 */
export function runInBackground(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
  // The mistake: try/catch only sees a synchronous throw. The promise task() returns is left floating, and
  // its rejection is unhandled.
  try {
    void task();
  } catch (error) {
    onError(error);
  }
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
    // exitCode instead of exit(): the process ends with 1 once shutdown has closed everything, and in-flight
    // work, buffered logs and open connections get their chance to finish.
    proc.exitCode = 1;
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
