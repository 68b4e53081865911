/**
 * Runs code inside worker threads, for graders that need real parallelism (SharedArrayBuffer, Atomics). Node 20
 * cannot load TypeScript, and a worker thread is outside Vitest's transform, so before the tests start the grading
 * run compiles your file to JavaScript (`subject/.threads/<name>.mjs`), and each thread runs thread.mjs, which
 * imports that copy. The file you write for threads may import only `node:` modules.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const THREAD_SCRIPT = new URL('./thread.mjs', import.meta.url);

/** The compiled copy of the learner's `file` ("counter.ts"); throws, saying what is missing, when there is none. */
function compiledUrl(file: string): string {
  const copy = `.threads/${file.replace(/\.m?ts$/, '')}.mjs`;
  const url = new URL(`../${copy}`, import.meta.url);
  if (!existsSync(url)) {
    throw new Error(
      `No JavaScript copy of ${file} for threads: subject/${copy} is missing. The grading run writes it before the ` +
        `tests start, for each file in exercise.json's "threadFiles", unless the file is missing or does not compile.`,
    );
  }
  return url.href;
}

/**
 * Starts a worker thread running `body`, JavaScript in which `subject` is the learner's module (already imported)
 * and `workerData` / `parentPort` are in scope; it may use `await`. Example body:
 *   "subject.addMany(new Int32Array(workerData.shared), 1000); parentPort.postMessage('done');"
 */
export async function startWorker(file: string, body: string, workerData: unknown): Promise<Worker> {
  return startThread(body, workerData, compiledUrl(file));
}

/** Starts a worker thread running `body` as startWorker does, with `subject` only when `subjectUrl` is given. */
export function startThread(body: string, workerData: unknown, subjectUrl?: string): Worker {
  return new Worker(THREAD_SCRIPT, { workerData: { subjectUrl, body, data: workerData } });
}
