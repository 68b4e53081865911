import { Worker } from 'node:worker_threads';

export function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  const worker = new Worker(script, { workerData: input });
  // Settles correctly, but a worker that keeps listening after its reply is never stopped: one leaked thread
  // (and its event loop, and its memory) per call.
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before replying`)));
  });
}
