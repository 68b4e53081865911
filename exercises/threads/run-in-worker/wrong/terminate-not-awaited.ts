import { Worker } from 'node:worker_threads';

export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  const worker = new Worker(script, { workerData: input });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before replying`)));
    });
  } finally {
    // terminate() is called on every path... but not awaited: it only starts stopping the thread, and the
    // caller hears the result while the worker is still running.
    void worker.terminate();
  }
}
