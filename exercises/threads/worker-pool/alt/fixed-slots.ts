import { Worker } from 'node:worker_threads';

// maxWorkers fixed slots instead of a set of workers, an idle list and a map of running jobs: each slot holds at
// most one worker and at most one job. A slot without a job is free; a slot whose worker died is emptied, and
// the next job given to it starts a new worker there, so the pool can never grow past maxWorkers.

export interface PoolOptions {
  maxWorkers: number;
}

export interface Pool<T, R> {
  submit(task: T): Promise<R>;
  close(): Promise<void>;
}

interface Job<T, R> {
  task: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface Slot<T, R> {
  worker: Worker | undefined;
  job: Job<T, R> | undefined;
}

export function createPool<T = unknown, R = unknown>(script: URL, { maxWorkers }: PoolOptions): Pool<T, R> {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be a positive integer, got ${maxWorkers}`);
  }
  const slots: Slot<T, R>[] = Array.from({ length: maxWorkers }, () => ({ worker: undefined, job: undefined }));
  const queue: Job<T, R>[] = [];
  let closing = false;
  let drained: (() => void) | undefined;
  let closed: Promise<void> | undefined;

  /** Takes the slot's job away (if it still has one) and settles it with `settle`. */
  function finish(slot: Slot<T, R>, settle: (job: Job<T, R>) => void): void {
    const job = slot.job;
    slot.job = undefined;
    if (job) settle(job);
  }

  function hire(slot: Slot<T, R>): Worker {
    const worker = new Worker(script);
    worker.on('message', (result: R) => {
      finish(slot, (job) => job.resolve(result));
      dispatch();
    });
    worker.on('error', (error) => finish(slot, (job) => job.reject(error)));
    worker.on('exit', (code) => {
      finish(slot, (job) => job.reject(new Error(`the worker exited with code ${code} before finishing its task`)));
      if (slot.worker === worker) slot.worker = undefined; // the slot is free for a new worker
      dispatch();
    });
    return worker;
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (slot.job) continue;
      slot.job = queue.shift()!;
      slot.worker ??= hire(slot);
      slot.worker.postMessage(slot.job.task);
    }
    if (closing && queue.length === 0 && slots.every((slot) => !slot.job)) drained?.();
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
        if (queue.length > 0 || slots.some((slot) => slot.job)) await new Promise<void>((resolve) => (drained = resolve));
        await Promise.all(slots.map((slot) => slot.worker?.terminate()));
      })();
      return closed;
    },
  };
}
