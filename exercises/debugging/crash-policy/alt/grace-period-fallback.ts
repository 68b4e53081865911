import type { EventEmitter } from 'node:events';

/**
 * Starts `task()` right away without waiting for it. If it fails (its promise rejects, or it throws before
 * returning one), the error goes to `onError`, and never becomes an unhandled rejection.
 */
export function runInBackground(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
  let promise: Promise<unknown>;
  try {
    promise = task();
  } catch (error) {
    // A synchronous throw never produced a promise: report it directly.
    onError(error);
    return;
  }
  // Promise.resolve also copes with a task that returned a plain value. The .catch is attached in this same
  // synchronous step, so Node never sees the rejection unhandled.
  Promise.resolve(promise).catch(onError);
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

/** How long the shutdown may take before the process is ended anyway. */
const GRACE_MS = 10_000;

const describe = (reason: unknown) => (reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason));

/**
 * Listens for 'unhandledRejection' and 'uncaughtException' on `proc`: logs each one, sets `proc.exitCode = 1`
 * and, the first time, starts `shutdown()` with a deadline. Returns a function that removes the two listeners.
 */
export function installCrashPolicy(proc: ProcessLike, options: CrashPolicyOptions): () => void {
  const { log, shutdown } = options;
  let shuttingDown = false;

  function startShutdown(): void {
    // After an uncaught exception the program's state is unknown, so it must not run on for ever if the
    // shutdown hangs. unref(): the deadline alone never keeps alive a process whose shutdown has finished.
    setTimeout(() => proc.exit(1), GRACE_MS).unref();
    runInBackground(shutdown, (error) => log(`shutdown failed: ${describe(error)}`));
  }

  function onRejection(reason: unknown): void {
    log(`unhandled rejection: ${describe(reason)}`);
    proc.exitCode = 1;
    if (!shuttingDown) {
      shuttingDown = true;
      startShutdown();
    }
  }

  function onException(error: unknown): void {
    log(`uncaught exception: ${describe(error)}`);
    proc.exitCode = 1;
    if (!shuttingDown) {
      shuttingDown = true;
      startShutdown();
    }
  }

  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
