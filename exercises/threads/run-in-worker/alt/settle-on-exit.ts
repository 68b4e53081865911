import { Worker } from 'node:worker_threads';

// Settles in one place only, the 'exit' event: a reply or an error is noted when it arrives, and the promise
// settles when the thread is gone. After a reply, terminate() is what makes that 'exit' come.
type Outcome<T> = { reply: T } | { error: unknown };

export function runInWorker<T = unknown>(script: URL, input?: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    let outcome: Outcome<T> | undefined;
    worker.once('message', (message: T) => {
      outcome ??= { reply: message };
      void worker.terminate(); // its 'exit' settles the promise
    });
    worker.on('error', (error) => {
      outcome ??= { error };
    });
    worker.once('exit', (code) => {
      if (outcome === undefined) reject(new Error(`the worker exited with code ${code} before replying`));
      else if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
    });
  });
}
