/**
 * A grading workspace: every file a grading run needs, as a path -> text map. The local runner writes it to a
 * temporary folder; the browser sandbox mounts the same map in a WebContainer. The grader always imports the
 * learner's code as `#subject/<file>` (a subpath import declared in the generated package.json), so one
 * unmodified grader runs against the starter, the reference, a wrong solution or the learner's copy.
 */
export type FileMap = Record<string, string>;

export interface WorkspaceInput {
  /** The hidden grader, `grader.test.ts`. */
  grader: string;
  /** The code under test, by learner file name (`order.ts`). */
  subject: FileMap;
  /** Read-only helpers, by path inside the exercise's `support/` folder. */
  support: FileMap;
  /** Our Vitest glue (journal setup, reporter), by path below `grading/`; see runtimeFileNames. */
  runtime: FileMap;
  /** Vitest's per-test timeout. */
  testTimeoutMs: number;
  /**
   * Learner files the grader runs in worker threads (exercise.json's `threadFiles`): compiled to JavaScript before
   * the tests start (see in-vitest/thread-files.ts). None: no such step.
   */
  threadFiles?: readonly string[] | undefined;
}

/** Our files that every workspace carries, relative to src/lib/grading/ and to the workspace's grading/. */
export const RUNTIME_FILES = [
  'journal.ts',
  'watchdog.ts',
  'in-vitest/journal-setup.ts',
  'in-vitest/journal-hooks.ts',
  'in-vitest/reporter.ts',
  'in-vitest/timers-promises.ts',
  'in-vitest/thread-files.ts',
] as const;

export const SUBJECT_DIR = 'subject';
export const GRADER_FILE = 'grader.test.ts';
/** The list in-vitest/thread-files.ts compiles, below `grading/`; written only when there is one. */
export const THREAD_FILES_LIST = 'thread-files.json';

export function buildWorkspace(input: WorkspaceInput): FileMap {
  const files: FileMap = {};
  files['package.json'] = JSON.stringify(
    {
      name: 'grading-workspace',
      private: true,
      type: 'module',
      imports: {
        '#subject/*': `./${SUBJECT_DIR}/*`,
        '#support/*': `./${SUBJECT_DIR}/support/*`,
      },
    },
    null,
    2,
  );
  const threadFiles = input.threadFiles ?? [];
  files['vitest.config.mjs'] = vitestConfig(input.testTimeoutMs, threadFiles.length > 0);
  if (threadFiles.length > 0) files[`grading/${THREAD_FILES_LIST}`] = JSON.stringify(threadFiles);
  files[GRADER_FILE] = input.grader;
  for (const name of RUNTIME_FILES) {
    const text = input.runtime[name];
    if (text === undefined) throw new Error(`buildWorkspace: runtime file "${name}" was not provided`);
    files[`grading/${name}`] = text;
  }
  return Object.assign(files, learnerFiles(input.subject, input.support));
}

/** The learner's files and the support files, by their paths in a grading workspace (the in-page runtime uses it too). */
export function learnerFiles(subject: FileMap, support: FileMap): FileMap {
  const files: FileMap = {};
  for (const [name, text] of Object.entries(subject)) files[`${SUBJECT_DIR}/${name}`] = text;
  // Support sits beside the learner's files, where the starter imports it from (`./support/...`).
  for (const [name, text] of Object.entries(support)) files[`${SUBJECT_DIR}/support/${name}`] = text;
  return files;
}

function vitestConfig(testTimeoutMs: number, compileThreadFiles: boolean): string {
  const config = {
    test: {
      include: [GRADER_FILE],
      // In the main Vitest process, before any test file loads; a batch runs each workspace's own (a project each).
      ...(compileThreadFiles ? { globalSetup: ['./grading/in-vitest/thread-files.ts'] } : {}),
      setupFiles: ['./grading/in-vitest/journal-setup.ts'],
      reporters: ['./grading/in-vitest/reporter.ts'],
      testTimeout: testTimeoutMs,
      hookTimeout: testTimeoutMs,
      // Learner output goes straight to the process's stdout, where the runner keeps a bounded tail.
      disableConsoleIntercept: true,
      pool: 'forks',
      watch: false,
      fileParallelism: false,
    },
  };
  // node:timers/promises runs on the global timers, so fake timers move it too (see in-vitest/timers-promises.ts).
  const alias = `[{ find: /^(node:)?timers\\/promises$/, replacement: fileURLToPath(new URL('./grading/in-vitest/timers-promises.ts', import.meta.url)) }]`;
  return [
    '// Generated for one grading run.',
    "import { fileURLToPath } from 'node:url';",
    "import { onUnhandledError } from './grading/in-vitest/reporter.ts';",
    `const config = ${JSON.stringify(config, null, 2)};`,
    'config.test.onUnhandledError = onUnhandledError;',
    `config.resolve = { alias: ${alias} };`,
    'export default config;',
    '',
  ].join('\n');
}
