import { Worker } from 'node:worker_threads';

export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  const worker = new Worker(script, { workerData: input });
  try {
    // A reply or an error: what else could happen? (A worker can also just exit, and then nothing settles this.)
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}
