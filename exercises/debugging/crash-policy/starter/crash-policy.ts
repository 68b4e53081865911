import type { EventEmitter } from 'node:events';

/**
 * Starts `task()` right away without waiting for it. If it fails (its promise rejects, or it throws before
 * returning one), the error goes to `onError`, and never becomes an unhandled rejection.
 */
export function runInBackground(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
  throw new Error('TODO: start task() and route its failure to onError');
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

/**
 * Listens for 'unhandledRejection' and 'uncaughtException' on `proc`. Each one is logged with its stack, sets
 * `proc.exitCode = 1` and, the first time, starts `shutdown()`. Never exits at once. Returns a function
 * that removes the two listeners again.
 */
export function installCrashPolicy(proc: ProcessLike, options: CrashPolicyOptions): () => void {
  throw new Error('TODO: listen for unhandledRejection and uncaughtException');
}
