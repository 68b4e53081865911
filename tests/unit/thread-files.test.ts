// Learner files that graders run in worker threads (exercise.json's `threadFiles`): the field is checked against
// `files`, a workspace compiles them only when asked, and the compile step (a Vitest globalSetup in the main
// process) leaves a JavaScript copy a thread can import, in single runs and in batches that mix exercises.
import { describe, expect, test, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExerciseFormatError, listExercises, loadExercise, PROJECT_ROOT, readSubjectDir } from '../../src/lib/exercises/load.ts';
import { buildWorkspace, RUNTIME_FILES, THREAD_FILES_LIST } from '../../src/lib/grading/workspace.ts';
import { writeWorkspace } from '../../src/lib/runner/run-grader.ts';
import { runGraderBatch } from '../../src/lib/runner/run-batch.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { createWebContainerRuntime } from '../../src/lib/sandbox/webcontainer.ts';
import { gradeRequest, type GradeRequest } from '../../src/lib/sandbox/runtime.ts';
import { sandboxPayload } from '../../src/lib/course/sandbox-payload.ts';
import { FakeWebContainerHost, passing } from '../fakes/webcontainer.ts';

const GLOBAL_SETUP = './grading/in-vitest/thread-files.ts';

/** Loads a one-exercise course whose exercise.json is `meta` on top of a valid one; returns the error, if any. */
function loadWith(meta: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'ct-threads-'));
  const dir = join(root, 'gil-analogue', 'counter');
  mkdirSync(dir, { recursive: true });
  const base = {
    id: 'gil-analogue/counter',
    title: 'Counter',
    summary: 'A counter for the schema test.',
    module: 'gil-analogue',
    order: 1,
    difficulty: 'easy',
    concepts: ['x'],
    files: ['counter.ts', 'main.ts'],
    python: { concept: 'threading.Lock', note: 'a note long enough' },
  };
  writeFileSync(join(dir, 'exercise.json'), JSON.stringify({ ...base, ...meta }));
  try {
    return { exercises: listExercises(root), error: undefined };
  } catch (error) {
    return { exercises: [], error };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('exercise.json threadFiles', () => {
  test('defaults to none', () => {
    const { exercises, error } = loadWith({});
    expect(error).toBeUndefined();
    expect(exercises[0]!.meta.threadFiles).toEqual([]);
  });

  test('may name learner files', () => {
    const { exercises, error } = loadWith({ threadFiles: ['main.ts'] });
    expect(error).toBeUndefined();
    expect(exercises[0]!.meta.threadFiles).toEqual(['main.ts']);
  });

  test('a file that is not in `files` is reported with the exercise.json and the field', () => {
    const { error } = loadWith({ threadFiles: ['counter.ts', 'lock.ts'] });
    expect(error).toBeInstanceOf(ExerciseFormatError);
    const problems = (error as ExerciseFormatError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/gil-analogue\/counter\/exercise\.json: threadFiles\[1\]: "lock\.ts" is not one of the learner files in "files" \(counter\.ts, main\.ts\)/);
  });
});

const glue = Object.fromEntries(RUNTIME_FILES.map((f) => [f, readFileSync(join(PROJECT_ROOT, 'src/lib/grading', f), 'utf8')]));
const workspace = (subject: Record<string, string>, threadFiles?: string[]) =>
  buildWorkspace({ grader: 'G', subject, support: {}, runtime: glue, testTimeoutMs: 1500, ...(threadFiles ? { threadFiles } : {}) });

describe('buildWorkspace and thread files', () => {
  test('adds the compile step and its list only when there are thread files', () => {
    for (const without of [workspace({ 'a.ts': 'A' }), workspace({ 'a.ts': 'A' }, [])]) {
      expect(without['vitest.config.mjs']).not.toContain(GLOBAL_SETUP);
      expect(without[`grading/${THREAD_FILES_LIST}`]).toBeUndefined();
    }
    const withThreads = workspace({ 'a.ts': 'A', 'b.ts': 'B' }, ['b.ts']);
    expect(withThreads['vitest.config.mjs']).toContain(`"globalSetup": [\n      "${GLOBAL_SETUP}"\n    ]`);
    expect(JSON.parse(withThreads[`grading/${THREAD_FILES_LIST}`]!)).toEqual(['b.ts']);
    // The compile step ships in every workspace, so the browser sandbox's glue always has it.
    expect(withThreads['grading/in-vitest/thread-files.ts']).toBe(glue['in-vitest/thread-files.ts']);
  });
});

test('the sandbox payload carries the thread files, and the page\'s grade request keeps them', () => {
  const counter = listExercises().find((e) => e.meta.id === 'gil-analogue/atomic-counter')!;
  const payload = sandboxPayload(counter);
  expect(payload.threadFiles).toEqual(['counter.ts']);
  expect(gradeRequest(payload, { 'counter.ts': '' }).exercise.threadFiles).toEqual(['counter.ts']);
});

test('the WebContainer runtime passes the grade request\'s thread files on to the workspace', async () => {
  const fake = new FakeWebContainerHost();
  const runtime = createWebContainerRuntime({
    boot: fake.boot,
    loadSnapshot: async () => new ArrayBuffer(16),
    runtimeFiles: glue,
    env: { isSecureContext: true, crossOriginIsolated: true, hasSharedArrayBuffer: true, hasWebAssembly: true, hasAtomicsWaitAsync: true },
    journalPollMs: 20,
    outputGraceMs: 50,
  });
  const request = (threadFiles?: string[]): GradeRequest => ({
    exercise: { id: 'gil-analogue/fake', files: ['counter.ts'], timeLimitMs: 2000, testTimeoutMs: 100, threadFiles: threadFiles ?? [] },
    grader: "import { test } from 'vitest';\n",
    support: {},
    subject: { 'counter.ts': 'export const one = 1;\n' },
  });
  const listed = async (threadFiles?: string[]) => {
    fake.vitest = passing([{ name: 'counts', task: 1 }]);
    await runtime.grade(request(threadFiles), () => {});
    const mounts = fake.current!.mounts.filter((m) => m.kind === 'tree');
    return mounts.at(-1)!.paths.includes(`grading/${THREAD_FILES_LIST}`);
  };
  expect(await listed(['counter.ts']), 'a request with thread files').toBe(true);
  expect(await listed(), 'a request without').toBe(false);
});

describe('the compile step', () => {
  // Below the project, so that the step's `import 'vite'` finds the project's Vite, as in a real grading run.
  const at = (name: string) => join(PROJECT_ROOT, '.grading', `thread-files-test-${process.pid}-${name}`);
  const counter = 'export function addTwice(view: Int32Array, i: number): number {\n  Atomics.add(view, i, 1);\n  return Atomics.add(view, i, 1) as number;\n}\n';

  /** Writes a workspace, runs its compile step as Vitest would, and returns the subject folder. */
  async function compileIn(dir: string, subject: Record<string, string>, threadFiles: string[]): Promise<string> {
    rmSync(dir, { recursive: true, force: true });
    writeWorkspace(dir, workspace(subject, threadFiles));
    const setup = (await import(pathToFileURL(join(dir, 'grading/in-vitest/thread-files.ts')).href)) as { default: () => Promise<void> };
    await setup.default();
    return join(dir, 'subject');
  }

  test('writes a JavaScript copy of each listed file that Node imports as it is', async () => {
    const dir = at('ok');
    try {
      const subject = await compileIn(dir, { 'counter.ts': counter, 'other.mts': 'export const x: number = 1;\n' }, ['counter.ts']);
      expect(existsSync(join(subject, '.threads/other.mjs')), 'a file not listed is not compiled').toBe(false);
      const code = readFileSync(join(subject, '.threads/counter.mjs'), 'utf8');
      expect(code).not.toMatch(/: (Int32Array|number)/);
      const module = (await import(pathToFileURL(join(subject, '.threads/counter.mjs')).href)) as { addTwice: (v: Int32Array, i: number) => number };
      expect(module.addTwice(new Int32Array(new SharedArrayBuffer(8)), 1)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('skips a file that is missing or does not compile, without failing the run', async () => {
    const dir = at('broken');
    try {
      const subject = await compileIn(dir, { 'broken.ts': 'export function f( {\n' }, ['broken.ts', 'missing.ts']);
      expect(existsSync(join(subject, '.threads/broken.mjs'))).toBe(false);
      expect(existsSync(join(subject, '.threads/missing.mjs'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("uses Vite's transformWithEsbuild where there is no transformWithOxc (Vite 6, in the browser sandbox)", async () => {
    const dir = at('esbuild');
    const used: string[] = [];
    vi.resetModules();
    vi.doMock('vite', async (importOriginal) => {
      const real = await importOriginal<typeof import('vite')>();
      return {
        // Named, or Vitest's mock would throw on reading it instead of answering undefined as Vite 6 does.
        transformWithOxc: undefined,
        transformWithEsbuild: (...args: Parameters<typeof real.transformWithEsbuild>) => {
          used.push('esbuild');
          return real.transformWithEsbuild(...args);
        },
      };
    });
    try {
      const subject = await compileIn(dir, { 'counter.ts': counter }, ['counter.ts']);
      expect(used).toEqual(['esbuild']);
      const module = (await import(pathToFileURL(join(subject, '.threads/counter.mjs')).href)) as { addTwice: (v: Int32Array, i: number) => number };
      expect(module.addTwice(new Int32Array(new SharedArrayBuffer(4)), 0)).toBe(1);
    } finally {
      vi.doUnmock('vite');
      vi.resetModules();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a batch mixing exercises compiles each workspace its own thread files', async () => {
  const fixtures = join(PROJECT_ROOT, 'tests/fixtures/exercises');
  const tinySum = loadExercise(join(fixtures, 'event-loop/tiny-sum'), fixtures);
  const counter = listExercises().find((e) => e.meta.id === 'gil-analogue/atomic-counter')!;
  const [pinned] = nodeRuntimes();
  const batch = await runGraderBatch({
    exercise: tinySum,
    variants: [
      { label: 'tiny-sum reference', files: readSubjectDir(tinySum, join(tinySum.dir, 'solution')) },
      { label: 'atomic-counter reference', files: readSubjectDir(counter, join(counter.dir, 'solution')), exercise: counter },
      { label: 'atomic-counter starter', files: readSubjectDir(counter, join(counter.dir, 'starter')), exercise: counter },
    ],
    nodePath: pinned!.path,
  });
  expect(batch.fellBack).toBeUndefined();
  // The reference passes its threaded tests only if its own workspace had the compiled copy.
  expect(batch.reports.map((r) => `${r.exercise} ${r.verdict}`)).toEqual(['event-loop/tiny-sum pass', 'gil-analogue/atomic-counter pass', 'gil-analogue/atomic-counter fail']);
}, 240_000);
