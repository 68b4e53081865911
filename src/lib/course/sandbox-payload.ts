// What the sandbox fetches when a learner opens it (Node side, at build time or from the dev server): everything
// needed to edit, grade and review one exercise. Served as JSON so it costs a page nothing until it is used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSubjectDir, readSupport, type Exercise } from '../exercises/load.ts';
import { hintList, taskHeadings, type Hint, type TaskHeading } from '../exercises/tasks.ts';
import type { FileMap } from '../grading/workspace.ts';
import { webContainerUnsupported, type Conformance } from '../probe/conformance.ts';
import { nodeApisIn } from '../exercises/node-apis.ts';
import { readConformance } from '../probe/conformance-file.ts';

export interface SandboxPayload {
  id: string;
  title: string;
  /** Learner files, in the order their tabs appear. */
  files: string[];
  timeLimitMs: number;
  testTimeoutMs: number;
  /** Learner files the grader runs in worker threads; the grade request passes them on. */
  threadFiles: string[];
  tasks: TaskHeading[];
  hints: Hint[];
  starter: FileMap;
  solution: FileMap;
  support: FileMap;
  grader: string;
  /**
   * Why WebContainer cannot grade this exercise, when it cannot: exercise.json's `webContainerUnsupported`, or, once
   * a probe recording is committed (docs/webcontainer-conformance.json), what that recording shows.
   */
  webContainerUnsupported?: string;
  /**
   * Graded in the page's own Web Worker (src/lib/sandbox/browser-runtime.ts): the grader, the solution and the
   * support files use no Node API (exercises/node-apis.ts). Learner code that does is handed to Node at run time.
   */
  inPage: boolean;
  /** Why the page cannot grade this exercise itself: the Node APIs found, by file. */
  inPageUnsupported?: string;
}

/** Whether an exercise can be graded in the page: its grader, solution and support files use no Node API. */
export function inPageCheck(grader: string, solution: FileMap, support: FileMap): { inPage: boolean; inPageUnsupported?: string } {
  const uses = nodeApisIn({
    'grader.test.ts': grader,
    ...Object.fromEntries(Object.entries(solution).map(([name, text]) => [`solution/${name}`, text])),
    ...Object.fromEntries(Object.entries(support).map(([name, text]) => [`support/${name}`, text])),
  });
  return uses.length ? { inPage: false, inPageUnsupported: uses.join('; ') } : { inPage: true };
}

export function sandboxPayload(exercise: Exercise, conformance: Conformance | undefined = readConformance()): SandboxPayload {
  const read = (name: string) => readFileSync(join(exercise.dir, name), 'utf8');
  const { meta } = exercise;
  const solution = readSubjectDir(exercise, join(exercise.dir, 'solution'));
  const support = readSupport(exercise);
  const grader = read('grader.test.ts');
  return {
    id: meta.id,
    title: meta.title,
    files: meta.files,
    timeLimitMs: meta.timeLimitMs,
    testTimeoutMs: meta.testTimeoutMs,
    threadFiles: meta.threadFiles,
    tasks: taskHeadings(read('instructions.md')),
    hints: hintList(read('hints.md')),
    starter: readSubjectDir(exercise, join(exercise.dir, 'starter')),
    solution,
    support,
    grader,
    ...inPageCheck(grader, solution, support),
    ...withUnsupported(webContainerUnsupported(meta.id, meta.webContainerUnsupported, conformance)),
  };
}

const withUnsupported = (reason: string | undefined) => (reason ? { webContainerUnsupported: reason } : {});
