// The sandbox editor's TypeScript worker: the real compiler's language service over one exercise, off the page's
// main thread. typescript.ts starts it once the editor is usable; it answers @valtown/codemirror-ts's requests
// (lint, hover, completion) and how many errors the learner's files have.
import ts from 'typescript';
import * as Comlink from 'comlink';
import { createWorker } from '@valtown/codemirror-ts/worker';
import type { TypesBundle } from '../../lib/sandbox/typescript-types.ts';
import { createTypeScriptEnv, errorCount, lintsOf } from './ts-env.ts';

let exercise: { types: string; files: Record<string, string> } | undefined;

const service = createWorker(() => {
  if (!exercise) throw new Error('The TypeScript worker was initialised before start()');
  return createTypeScriptEnv(ts, JSON.parse(exercise.types) as TypesBundle, exercise.files);
});

const api = {
  ...service,
  /**
   * Builds the language service over the exercise's files (by virtual path), with the types bundle's text, which
   * the page fetched while this worker's own script was still loading.
   */
  async start(types: string, files: Record<string, string>): Promise<void> {
    exercise = { types, files };
    await service.initialize();
  },
  /** Replaces the library's version, which keeps only the first line of each message (see lintsOf). */
  getLints({ path }: { path: string; diagnosticCodesToIgnore: number[] }) {
    return lintsOf(ts, service.getEnv(), path);
  },
  errorCount(paths: string[]): number {
    return errorCount(ts, service.getEnv(), paths);
  },
};

export type TypeScriptWorker = typeof api;

Comlink.expose(api);
