// What the sandbox fetches when a learner opens it (Node side, at build time or from the dev server): everything
// needed to edit, grade and review one exercise. Served as JSON so it costs a page nothing until it is used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSubjectDir, readSupport, type Exercise } from '../exercises/load.ts';
import { hintList, taskHeadings, type Hint, type TaskHeading } from '../exercises/tasks.ts';
import type { FileMap } from '../grading/workspace.ts';
import { webContainerUnsupported, type Conformance } from '../probe/conformance.ts';
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
}

export function sandboxPayload(exercise: Exercise, conformance: Conformance | undefined = readConformance()): SandboxPayload {
  const read = (name: string) => readFileSync(join(exercise.dir, name), 'utf8');
  const { meta } = exercise;
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
    solution: readSubjectDir(exercise, join(exercise.dir, 'solution')),
    support: readSupport(exercise),
    grader: read('grader.test.ts'),
    ...withUnsupported(webContainerUnsupported(meta.id, meta.webContainerUnsupported, conformance)),
  };
}

const withUnsupported = (reason: string | undefined) => (reason ? { webContainerUnsupported: reason } : {});
