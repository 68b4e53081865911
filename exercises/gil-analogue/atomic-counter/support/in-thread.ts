/**
 * Runs the learner's code inside worker threads, for graders that need real parallelism (SharedArrayBuffer,
 * Atomics). Node 20 cannot load TypeScript, and a worker thread is outside Vitest's transform, so the learner's
 * file is compiled to JavaScript once (esbuild: the one Vitest's Vite already ships, esbuild-wasm in the browser
 * sandbox) and the worker imports that copy. The learner's thread-side file may import only `node:` modules.
 */
import { transform } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const compiled = new Map<string, Promise<string>>();

/** The file URL of a JavaScript copy of the learner's `file` (e.g. "counter.ts"), compiled on first use. */
export function compiledUrl(file: string): Promise<string> {
  let url = compiled.get(file);
  if (!url) {
    url = (async () => {
      const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file });
      const out = new URL(`./.compiled-${file.replace(/\.m?ts$/, '')}.mjs`, import.meta.url);
      writeFileSync(out, code);
      return out.href;
    })();
    compiled.set(file, url);
  }
  return url;
}

/**
 * Starts a worker thread running `body`, the text of an ES module. In it, `subject` is the learner's module
 * (already imported) and `workerData` / `parentPort` are in scope. Example body:
 *   "subject.addMany(new Int32Array(workerData.shared), 1000); parentPort.postMessage('done');"
 */
export async function startWorker(file: string, body: string, workerData: unknown): Promise<Worker> {
  const url = await compiledUrl(file);
  const source = [
    "import { workerData, parentPort } from 'node:worker_threads';",
    `const subject = await import(${JSON.stringify(url)});`,
    body,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData });
}

/** Resolves with the worker's first message; rejects if it throws or exits first. */
export function firstMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} before replying`)));
  });
}
