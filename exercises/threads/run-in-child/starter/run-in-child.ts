import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  /** Kill the child (SIGTERM) if it has not replied after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * Runs `script` in a child Node process (`fork`), sends it `input` over the IPC channel and resolves with its
 * first reply, then lets the child exit.
 *
 * - Rejects with `new ChildFailedError(code, signal)` when the child exits or is killed without replying.
 * - With `timeoutMs`, kills a child that has not replied by then with SIGTERM and rejects with
 *   `new ChildFailedError(code, signal, true)`. Use the global setTimeout, and clear it.
 * - Settles only once the child has exited (its 'exit' event).
 *
 * @example
 *   await runInChild(new URL('./support/double.mjs', import.meta.url), 21); // 42
 */
export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  throw new Error('TODO: fork the script, send it the input, and settle when the child exits');
}
