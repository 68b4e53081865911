import { Worker } from 'node:worker_threads';

/**
 * Runs `script` in a new worker thread with `input` as its `workerData`, and resolves with the first message the
 * worker posts. Rejects with the worker's error if it throws, or with an Error naming the exit code if it exits
 * without replying. By the time the promise settles, the worker has exited.
 */
export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  // The worker gets its own copy of `input` (a structured clone), never a reference to our object.
  const worker = new Worker(script, { workerData: input });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      // An uncaught error in the worker arrives here, then the worker exits with code 1.
      worker.once('error', reject);
      // 'exit' always comes last. If it comes before a reply, no reply is coming: without this listener the
      // promise would stay pending forever. (After a reply or an error, this reject does nothing.)
      worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before replying`)));
    });
  } finally {
    // Whatever happened, stop the thread and wait until it is gone; for a worker that already exited,
    // terminate() resolves at once.
    await worker.terminate();
  }
}
