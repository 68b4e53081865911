// The messages between the page and the browser runtime's Web Worker (browser-worker.ts). One worker grades one
// run: the page sends `grade` once, and the worker streams what Node's grading writes to its journal and
// heartbeat files, so the page's watchdog and buildReport treat both runtimes alike.
import type { JournalEvent } from '../grading/journal.ts';
import type { FileMap } from '../grading/workspace.ts';

/** Where the worker pretends the workspace is: stack frames read /workspace/subject/<file>:<line>, as in Node. */
export const BROWSER_WORKSPACE = '/workspace';

export interface GradeMessage {
  type: 'grade';
  /** The grading workspace's files by path (grader.test.ts, subject/<file>, subject/support/<file>). */
  files: FileMap;
  testTimeoutMs: number;
}

export type FromWorker =
  /** The test tools are loaded; the worker waits for `grade`. */
  | { type: 'ready' }
  /** A journal event, as Node's worker appends it to journal.ndjson. */
  | { type: 'event'; event: JournalEvent }
  /** The worker's thread is free (the heartbeat file growing, in Node). */
  | { type: 'beat' }
  /** Text the learner's code printed; `bytes` counts everything printed so far, of which text may be a part. */
  | { type: 'print'; text: string; bytes: number }
  /** The code cannot be graded in the page (an import cycle, a module it does not have): Node must grade it. */
  | { type: 'decline'; reason: string };
