import { Worker } from 'node:worker_threads';

export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  const worker = new Worker(script, { workerData: input });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      // Exit code 0 means success... but a worker that exits cleanly without replying has no answer to give.
      worker.once('exit', (code) => {
        if (code === 0) resolve(undefined as T);
        else reject(new Error(`the worker exited with code ${code}`));
      });
    });
  } finally {
    await worker.terminate();
  }
}
