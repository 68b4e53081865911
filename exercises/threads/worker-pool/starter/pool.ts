import { Worker } from 'node:worker_threads';

export interface PoolOptions {
  /** How many worker threads may exist at once, and so how many tasks run at once. */
  maxWorkers: number;
}

export interface Pool<T, R> {
  /**
   * Queues `task` and resolves with the reply of the worker that runs it (the script answers each task with one
   * message). Rejects if that worker crashes or exits before replying; the pool replaces the worker.
   */
  submit(task: T): Promise<R>;
  /**
   * Refuses new tasks (submit rejects), lets queued and running tasks finish, then terminates every worker and
   * resolves once they have all exited.
   */
  close(): Promise<void>;
}

/**
 * A fixed-size pool of worker threads running `script`: at most `maxWorkers` threads, each running one task at
 * a time, reused from task to task; tasks wait in a first-in, first-out queue. Throws a RangeError when
 * maxWorkers is not a positive integer.
 *
 * @example
 *   const pool = createPool(new URL('./support/task-worker.mjs', import.meta.url), { maxWorkers: 2 });
 *   await pool.submit({ id: 'a', op: 'square', value: 7 }); // 49
 *   await pool.close();
 */
export function createPool<T = unknown, R = unknown>(script: URL, { maxWorkers }: PoolOptions): Pool<T, R> {
  throw new Error('TODO: start at most maxWorkers workers and give each one task at a time from a queue');
}
