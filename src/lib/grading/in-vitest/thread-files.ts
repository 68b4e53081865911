// A Vitest globalSetup, added only for exercises whose grader runs learner code in worker threads (exercise.json's
// `threadFiles`). It runs once in the main Vitest process, before any test file loads. A worker thread is outside
// Vitest's transform and Node 20 cannot load TypeScript, so each listed learner file is compiled here to
// subject/.threads/<name>.mjs, which the exercise's support/thread.mjs imports. The compiler is the one the running
// Vite already has loaded in this process: Oxc on Vite 8 (the project's tools), esbuild on Vite 6 (esbuild-wasm in
// the browser sandbox). Compiling inside the test process instead would start a second esbuild-wasm there.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as vite from 'vite';

const SUBJECT = new URL('../../subject/', import.meta.url);
/** Below subject/, where no learner file can be: learner file names start with a letter or digit. */
const THREADS_DIR = '.threads';

/** `counter.ts` -> `counter.mjs`: the name of a learner file's compiled copy (support/in-thread.ts looks for it). */
const compiledName = (file: string): string => file.replace(/\.m?ts$/, '') + '.mjs';

export default async function compileThreadFiles(): Promise<void> {
  // The list buildWorkspace wrote beside this folder (THREAD_FILES_LIST in ../workspace.ts).
  const names = JSON.parse(readFileSync(new URL('../thread-files.json', import.meta.url), 'utf8')) as string[];
  const toJavaScript = compiler(); // outside the loop: a Vite without either compiler is our fault, and fails the run
  const out = new URL(`${THREADS_DIR}/`, SUBJECT);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of names) {
    const source = new URL(name, SUBJECT);
    // A missing file, or one that does not compile, is left without a copy: the grader imports the same file
    // through Vitest and reports that with the compiler's message, and starting a thread says what is missing.
    if (!existsSync(source)) continue;
    let code: string;
    try {
      code = await toJavaScript(readFileSync(source, 'utf8'), fileURLToPath(source));
    } catch {
      continue;
    }
    writeFileSync(new URL(compiledName(name), out), code);
  }
}

/** TypeScript to an ES module for Node 20, with the compiler the running Vite offers. */
function compiler(): (code: string, filename: string) => Promise<string> {
  // Vite 8 compiles with Oxc; its transformWithEsbuild would load esbuild just for this (and print a deprecation
  // warning). Vite 6 has only transformWithEsbuild. A namespace import reads either without failing to link.
  const { transformWithOxc, transformWithEsbuild } = vite as Partial<typeof vite>;
  if (transformWithOxc) {
    return async (code, filename) => (await transformWithOxc(code, filename, { lang: 'ts', target: 'node20', sourcemap: false })).code;
  }
  if (transformWithEsbuild) {
    const options = { loader: 'ts', format: 'esm', target: 'node20', sourcemap: false } as const;
    return async (code, filename) => (await transformWithEsbuild(code, filename, options, undefined, undefined, undefined, true)).code;
  }
  throw new Error(`Vite ${vite.version} offers neither transformWithOxc nor transformWithEsbuild to compile thread files`);
}
