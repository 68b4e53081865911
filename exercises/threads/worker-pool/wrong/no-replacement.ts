import { Worker } from 'node:worker_threads';

export interface PoolOptions {
  /** How many worker threads may exist at once, and so how many tasks run at once. */
  maxWorkers: number;
}

export interface Pool<T, R> {
  /** Queues `task`; resolves with the worker's reply, or rejects if its worker crashes or exits. */
  submit(task: T): Promise<R>;
  /** Refuses new tasks, lets queued and running ones finish, then terminates every worker. */
  close(): Promise<void>;
}

interface Job<T, R> {
  task: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export function createPool<T = unknown, R = unknown>(script: URL, { maxWorkers }: PoolOptions): Pool<T, R> {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be a positive integer, got ${maxWorkers}`);
  }
  const queue: Job<T, R>[] = []; // waiting tasks, oldest first
  const workers = new Set<Worker>(); // every live worker, idle or busy
  const idle: Worker[] = [];
  const running = new Map<Worker, Job<T, R>>(); // at most one task per worker
  let closing = false;
  let drained: (() => void) | undefined;
  let closed: Promise<void> | undefined;

  function start(): Worker {
    const worker = new Worker(script);
    workers.add(worker);
    worker.on('message', (result: R) => {
      const job = running.get(worker);
      if (!job) return;
      running.delete(worker);
      job.resolve(result);
      idle.push(worker); // reuse it: starting a thread costs far more than a message
      dispatch();
    });
    // A crash: 'error' arrives first, then 'exit'. Fail only this worker's task.
    worker.on('error', (error) => {
      const job = running.get(worker);
      running.delete(worker);
      job?.reject(error);
    });
    worker.on('exit', (code) => {
      // The dead worker is taken out of the idle list... but it still counts towards maxWorkers, so no
      // replacement is ever started: every crash shrinks the pool.
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const job = running.get(worker);
      running.delete(worker);
      job?.reject(new Error(`the worker exited with code ${code} before finishing its task`));
    });
    return worker;
  }

  function dispatch(): void {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (workers.size < maxWorkers ? start() : undefined);
      if (!worker) break; // every worker is busy: the task waits its turn
      const job = queue.shift()!;
      running.set(worker, job);
      worker.postMessage(job.task);
    }
    if (closing && queue.length === 0 && running.size === 0) drained?.();
  }

  return {
    submit(task) {
      if (closing) return Promise.reject(new Error('the pool is closed'));
      return new Promise<R>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    close() {
      closing = true;
      closed ??= (async () => {
        if (queue.length > 0 || running.size > 0) await new Promise<void>((resolve) => (drained = resolve));
        // Nothing is left to do: stop every thread and wait until each has exited.
        await Promise.all([...workers].map((worker) => worker.terminate()));
      })();
      return closed;
    },
  };
}
