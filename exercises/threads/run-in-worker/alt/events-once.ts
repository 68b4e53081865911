import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

// events.once instead of hand-written listeners: once(worker, 'message') resolves with the first reply and
// rejects by itself if 'error' comes first, so only the early 'exit' needs a promise of its own.
export async function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  const worker = new Worker(script, { workerData: input });
  const stopListening = new AbortController();
  const { signal } = stopListening;
  const reply = once(worker, 'message', { signal }).then(([message]) => message as T);
  const exitFirst = once(worker, 'exit', { signal }).then(([code]) => {
    throw new Error(`the worker exited with code ${code} before replying`);
  });
  try {
    return await Promise.race([reply, exitFirst]);
  } finally {
    // Removes the listeners of both once() calls; the one that lost rejects with an AbortError, which
    // Promise.race has already taken care of.
    stopListening.abort();
    await worker.terminate();
  }
}
