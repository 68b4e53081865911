import { Worker } from 'node:worker_threads';

/**
 * Runs `script` in a new worker thread with `input` as its `workerData`, and resolves with the first message the
 * worker posts.
 *
 * - Rejects with the worker's own error when the worker throws (its 'error' event).
 * - Rejects with an Error that names the exit code when the worker exits without replying (its 'exit' event),
 *   whatever the code, 0 included.
 * - Leaves no thread behind: before resolving, stop the worker and wait until it has exited.
 *
 * @example
 *   await runInWorker(new URL('./support/square.mjs', import.meta.url), 7); // 49
 */
export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  throw new Error('TODO: start a Worker on script with workerData: input, and settle with its first reply');
}
