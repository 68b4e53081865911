// The sandbox editor's type checking, run in Node exactly as its worker runs it (src/components/sandbox/ts-env.ts
// over the bundle /sandbox/typescript-types.json serves): correct code shows no error, a wrong file shows the
// error `tsc` would, Node's APIs and the support files are typed, and imports resolve as when grading.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { getAutocompletion, getHover } from '@valtown/codemirror-ts/worker';
import type { VirtualTypeScriptEnvironment } from '@typescript/vfs';
import { createTypeScriptEnv, diagnosticsOf, errorCount, lintsOf } from '../../src/components/sandbox/ts-env.ts';
import { virtualPath, WORKSPACE_IMPORTS } from '../../src/components/sandbox/ts-paths.ts';
import { buildTypesBundle, UNTYPED_FILE, type TypesBundle } from '../../src/lib/sandbox/typescript-types.ts';
import { EXERCISE_COMPILER_OVERRIDES, exerciseCompilerOptions } from '../../src/lib/exercises/compiler-options.ts';
import { listExercises, readSupport, type Exercise } from '../../src/lib/exercises/load.ts';
import { variantsOf } from '../../src/lib/exercises/variants.ts';
import { buildWorkspace } from '../../src/lib/grading/workspace.ts';

let bundle: TypesBundle;
beforeAll(() => {
  bundle = buildTypesBundle();
});

/** The editor's files of an exercise (learner files by name, support as `support/<name>`), by virtual path. */
function editorFiles(exercise: Exercise, learner: Record<string, string>): Record<string, string> {
  const support = Object.entries(readSupport(exercise)).map(([name, text]) => [`support/${name}`, text] as const);
  return Object.fromEntries([...Object.entries(learner), ...support].map(([name, text]) => [virtualPath(name), text]));
}

const describeDiagnostic = (d: ts.Diagnostic) => `${d.file?.fileName ?? '?'}@${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;

describe('correct code shows no error', () => {
  // Every variant, not only the reference: `npm run typecheck` accepts them all (a wrong solution is wrong in
  // behaviour, not in types), so any diagnostic here is the editor disagreeing with it.
  test.each(listExercises().map((e) => [e.meta.id, e] as const))('%s: every variant and support file', (_id, exercise) => {
    const variants = variantsOf(exercise);
    const env = createTypeScriptEnv(ts, bundle, editorFiles(exercise, variants[0]!.files));
    const paths = Object.keys(editorFiles(exercise, variants[0]!.files));
    const found: string[] = [];
    for (const variant of variants) {
      for (const [name, text] of Object.entries(variant.files)) env.updateFile(virtualPath(name), text);
      for (const path of paths) found.push(...diagnosticsOf(env, path).map((d) => `${variant.label} ${describeDiagnostic(d)}`));
    }
    expect(found).toEqual([]);
    expect(variants.find((v) => v.label === 'solution')?.files, 'the reference solution was among them').toBeDefined();
  });

  test('common Node idioms type-check, as they do under tsc with all of @types/node', () => {
    const fixture = fileURLToPath(new URL('../fixtures/typescript-editor/node-idioms.ts', import.meta.url));
    const env = createTypeScriptEnv(ts, bundle, { [virtualPath('idioms.ts')]: readFileSync(fixture, 'utf8') });
    expect(diagnosticsOf(env, virtualPath('idioms.ts')).map(describeDiagnostic)).toEqual([]);
    const program = ts.createProgram([fixture], exerciseCompilerOptions(ts));
    expect(ts.getPreEmitDiagnostics(program).map(describeDiagnostic)).toEqual([]);
  });
});

describe('a wrong file shows the errors tsc reports', () => {
  const exercise = listExercises().find((e) => e.meta.id === 'debugging/keep-the-trail')!;
  const wrong = [
    "import { connect } from './support/db.ts';",
    "import { missing } from '#support/nowhere.ts';",
    "const n: number = 'x';",
    "connect().findUser('7', () => {});",
    "document.title = 'in Node there is no document';",
    'export { n, missing };',
    '',
  ].join('\n');
  let env: VirtualTypeScriptEnvironment;
  const path = virtualPath('trail.ts');
  beforeAll(() => {
    env = createTypeScriptEnv(ts, bundle, editorFiles(exercise, { 'trail.ts': wrong }));
  });

  test('each error at its place, with its whole message', () => {
    const lints = lintsOf(ts, env, path).map((l) => ({ at: wrong.slice(l.from, l.to), severity: l.severity, message: l.message }));
    expect(lints).toEqual([
      { at: "'#support/nowhere.ts'", severity: 'error', message: expect.stringContaining("Cannot find module '#support/nowhere.ts'") },
      { at: 'n', severity: 'error', message: "Type 'string' is not assignable to type 'number'." },
      { at: "'7'", severity: 'error', message: "Argument of type 'string' is not assignable to parameter of type 'number'." },
      { at: 'document', severity: 'error', message: expect.stringContaining("Cannot find name 'document'") },
    ]);
  });

  test('the count of errors covers the learner files, and follows an edit', () => {
    expect(errorCount(ts, env, [path])).toBe(4);
    env.updateFile(path, readFileSync(new URL(`${exercise.dir}/solution/trail.ts`, 'file://'), 'utf8'));
    expect(errorCount(ts, env, [path])).toBe(0);
    env.updateFile(path, wrong);
  });
});

describe('types, hover and completion', () => {
  const learner = [
    "import { Worker } from 'node:worker_threads';",
    "import { createHash } from 'node:crypto';",
    "import { connect } from '#support/db.ts';",
    "const worker = new Worker(new URL('./w.mjs', import.meta.url));",
    'worker.terminate();',
    'connect().close();',
    "export const hash = createHash('sha1');",
    '',
  ].join('\n');
  const exercise = listExercises().find((e) => e.meta.id === 'debugging/keep-the-trail')!;
  let env: VirtualTypeScriptEnvironment;
  beforeAll(() => {
    env = createTypeScriptEnv(ts, bundle, editorFiles(exercise, { 'trail.ts': learner }));
  });

  test("`import { Worker } from 'node:worker_threads'` is typed, with Node's documentation", () => {
    const hover = getHover({ env, path: virtualPath('trail.ts'), pos: learner.indexOf('Worker(') + 1 });
    expect(ts.displayPartsToString(hover?.quickInfo?.displayParts)).toContain('new Worker(filename: string | URL, options?: WorkerOptions): Worker');
    const onTerminate = getHover({ env, path: virtualPath('trail.ts'), pos: learner.indexOf('terminate') + 1 });
    expect(ts.displayPartsToString(onTerminate?.quickInfo?.displayParts)).toContain('Worker.terminate(): Promise<number>');
    expect(ts.displayPartsToString(onTerminate?.quickInfo?.documentation)).toMatch(/\S/);
  });

  test('completion lists the members of a support file’s type', async () => {
    const result = await getAutocompletion({ env, path: virtualPath('trail.ts'), context: { pos: learner.indexOf('connect().') + 'connect().'.length, explicit: true } });
    expect(result?.options.map((o) => o.label)).toEqual(['close', 'findUser']);
  });

  test('a read-only support file gets hover too', () => {
    const support = readSupport(exercise)['db.ts']!;
    const hover = getHover({ env, path: virtualPath('support/db.ts'), pos: support.indexOf('class DbError') + 'class '.length });
    expect(ts.displayPartsToString(hover?.quickInfo?.displayParts)).toBe('class DbError');
  });

  test('a Node module the bundle leaves out imports without error, untyped', () => {
    expect(diagnosticsOf(env, virtualPath('trail.ts')).map(describeDiagnostic)).toEqual([]);
    const hover = getHover({ env, path: virtualPath('trail.ts'), pos: learner.indexOf('hash =') });
    expect(ts.displayPartsToString(hover?.quickInfo?.displayParts)).toBe('const hash: any');
  });
});

describe('the bundle agrees with npm run typecheck and the grading workspace', () => {
  test('compiler options are the ones typecheck-exercises.ts uses, without the DOM', () => {
    expect(bundle.compilerOptions).toEqual(JSON.parse(JSON.stringify(exerciseCompilerOptions(ts))));
    expect(readFileSync(new URL('../../scripts/typecheck-exercises.ts', import.meta.url), 'utf8')).toContain('compilerOptions: EXERCISE_COMPILER_OVERRIDES');
    expect(EXERCISE_COMPILER_OVERRIDES.lib).toEqual(['esnext']);
    expect(Object.keys(bundle.files).filter((p) => /^\/lib\.(dom|webworker)/.test(p))).toEqual([]);
    expect(bundle.typescript).toBe(ts.version);
  });

  test('subpath imports are the grading workspace’s', () => {
    const workspace = buildWorkspace({ grader: '', subject: {}, support: {}, runtime: new Proxy({}, { get: () => '' }), testTimeoutMs: 1 });
    expect(JSON.parse(workspace['package.json']!).imports).toEqual(WORKSPACE_IMPORTS);
  });

  test('modules left out are declared untyped; every module an exercise imports is typed in full', () => {
    const untyped = bundle.files[`/node_modules/@types/node/${UNTYPED_FILE}`]!;
    expect(untyped).toContain('declare module "node:crypto";');
    for (const name of ['worker_threads', 'events', 'timers/promises', 'async_hooks', 'child_process', 'net', 'fs', 'stream', 'tty']) {
      expect(untyped, name).not.toContain(`"node:${name}"`);
    }
  });
});
