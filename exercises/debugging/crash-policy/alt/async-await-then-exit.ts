import type { EventEmitter } from 'node:events';

/**
 * Starts `task()` right away without waiting for it. If it fails (its promise rejects, or it throws before
 * returning one), the error goes to `onError`, and never becomes an unhandled rejection.
 */
export function runInBackground(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
  // An async function runs synchronously up to its first await, so task() starts before this returns; a throw
  // or a rejection both land in the catch. The wrapper's own promise never rejects, so leaving it is safe.
  void (async () => {
    try {
      await task();
    } catch (error) {
      onError(error);
    }
  })();
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

const describe = (reason: unknown) => (reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason));

/**
 * Listens for 'unhandledRejection' and 'uncaughtException' on `proc`: logs each one, sets `proc.exitCode = 1`
 * and, the first time, shuts down and then exits. Returns a function that removes the two listeners.
 */
export function installCrashPolicy(proc: ProcessLike, options: CrashPolicyOptions): () => void {
  const { log, shutdown } = options;
  let shutdownStarted: Promise<void> | undefined;

  async function shutDownThenExit(): Promise<void> {
    try {
      await shutdown();
    } catch (error) {
      log(`shutdown failed: ${describe(error)}`);
    }
    // Only now, with the work in flight finished: exit() with no argument uses proc.exitCode, already 1.
    // It ends the process even if some forgotten handle would have kept it running.
    proc.exit();
  }

  const onFailure = (kind: string) => (reason: unknown) => {
    log(`${kind}: ${describe(reason)}`);
    proc.exitCode = 1;
    // The promise is kept only to remember that the shutdown started; it never rejects.
    shutdownStarted ??= shutDownThenExit();
  };
  const onRejection = onFailure('unhandled rejection');
  const onException = onFailure('uncaught exception');
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
