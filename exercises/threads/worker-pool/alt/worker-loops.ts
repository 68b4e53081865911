import { Worker } from 'node:worker_threads';

// A port of Python's ThreadPoolExecutor: one shared work queue, and up to maxWorkers loops that each own one
// worker thread and take the next job from the queue when they are free. close() puts one `null` per loop
// behind the queued jobs, as shutdown(wait=True) puts one None per thread: each loop finishes the real jobs
// ahead of it, reads its `null` and stops.

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

/** Posts one task to `worker` and settles with its reply, its error, or its exit, whichever comes first. */
function runOn<R>(worker: Worker, task: unknown): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onMessage = (result: R) => {
      stop();
      resolve(result);
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onExit = (code: number) => {
      stop();
      reject(new Error(`the worker exited with code ${code} before finishing its task`));
    };
    const stop = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}

export function createPool<T = unknown, R = unknown>(script: URL, { maxWorkers }: PoolOptions): Pool<T, R> {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be a positive integer, got ${maxWorkers}`);
  }

  // The work queue: put() hands an item to a loop that is waiting for one, or keeps it, oldest first.
  const items: (Job<T, R> | null)[] = [];
  const takers: ((item: Job<T, R> | null) => void)[] = [];
  const put = (item: Job<T, R> | null) => {
    const taker = takers.shift();
    if (taker) taker(item);
    else items.push(item);
  };
  const take = (): Promise<Job<T, R> | null> =>
    items.length > 0 ? Promise.resolve(items.shift()!) : new Promise((resolve) => takers.push(resolve));

  const loops: Promise<void>[] = [];
  let closed: Promise<void> | undefined;

  async function loop(): Promise<void> {
    let worker: Worker | undefined;
    try {
      for (let job = await take(); job !== null; job = await take()) {
        worker ??= new Worker(script);
        try {
          job.resolve(await runOn<R>(worker, job.task));
        } catch (error) {
          // The worker threw or exited: fail this job only, and start a fresh worker for the next one.
          job.reject(error);
          await worker.terminate();
          worker = undefined;
        }
      }
    } finally {
      await worker?.terminate();
    }
  }

  return {
    submit(task) {
      if (closed) return Promise.reject(new Error('the pool is closed'));
      return new Promise<R>((resolve, reject) => {
        put({ task, resolve, reject });
        // No loop was free to take it: start another, as long as there are fewer than maxWorkers. (A new loop
        // takes the oldest queued job at once, before this call returns.)
        if (items.length > 0 && loops.length < maxWorkers) loops.push(loop());
      });
    },
    close() {
      closed ??= (async () => {
        for (let i = 0; i < loops.length; i++) put(null);
        await Promise.all(loops);
      })();
      return closed;
    },
  };
}
