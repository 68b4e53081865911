// The reporter of a batch run (src/lib/runner/run-batch.ts): one Vitest process grades several variants of one
// exercise, each in its own workspace folder (a Vitest project). Per-test results come from each workspace's own
// journal, written by its journal-setup as in a single run; this adds, to the journal of the workspace it belongs
// to, what only the main process sees: a grader file that failed to load, errors thrown outside tests, and the
// end of that workspace's run. An error it cannot place goes to the batch's own journal, and the runner then
// grades every variant on its own instead of guessing.
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { describeUncaught, JOURNAL_FILE, serializeEvent, type JournalEvent, type ThrownLike } from '../journal.ts';

const batchJournal = fileURLToPath(new URL(`../${JOURNAL_FILE}`, import.meta.url));
/** The journal of the workspace whose grader file is `graderPath`. */
const journalOf = (graderPath: string) => join(dirname(graderPath), 'grading', JOURNAL_FILE);
const write = (journal: string, event: JournalEvent): void => appendFileSync(journal, serializeEvent(event));

interface ErrorLike extends ThrownLike {
  frame?: string;
  VITEST_TEST_PATH?: string;
}

function describe(error: ErrorLike): string {
  const head = error.name && error.name !== 'Error' && !error.message?.startsWith(error.name)
    ? `${error.name}: ${error.message ?? ''}`
    : (error.message ?? String(error));
  return error.frame ? `${head}\n${error.frame}` : head;
}

export default class BatchReporter implements Reporter {
  onTestModuleEnd(testModule: TestModule): void {
    const journal = journalOf(testModule.moduleId);
    for (const error of testModule.errors()) write(journal, { type: 'module-error', message: describe(error) });
    write(journal, { type: 'done' });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<ErrorLike>): void {
    for (const error of unhandledErrors) {
      // Worded as in a single run (the workspace's onUnhandledError there), so a batch's reports read the same.
      const event: JournalEvent = { type: 'unhandled-error', message: describeUncaught(error) };
      write(error.VITEST_TEST_PATH ? journalOf(error.VITEST_TEST_PATH) : batchJournal, event);
    }
    write(batchJournal, { type: 'done' });
  }
}
