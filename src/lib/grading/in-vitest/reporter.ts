// Runs in Vitest's main process. Per-test results come from the worker's journal; this adds what only the
// main process sees: a grader file that failed to load, errors thrown outside tests, and the end of the run.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { describeLoadError, describeUncaught, JOURNAL_FILE, serializeEvent, type JournalEvent, type ThrownLike } from '../journal.ts';

const journal = fileURLToPath(new URL(`../${JOURNAL_FILE}`, import.meta.url));
const write = (event: JournalEvent): void => appendFileSync(journal, serializeEvent(event));

export default class GradeReporter implements Reporter {
  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) write({ type: 'module-error', message: describeLoadError(error) });
  }

  onTestRunEnd(): void {
    // Errors outside the tests were written as they happened (onUnhandledError below).
    write({ type: 'done' });
  }
}

/**
 * The workspace's `test.onUnhandledError` (vitest.config.mjs): Vitest calls it in this process the moment an error
 * outside the tests arrives from the worker, so it reaches the journal even when the watchdog ends the run later
 * (a callback that throws often leaves a promise pending for ever). Returning nothing keeps Vitest's own handling.
 */
export function onUnhandledError(error: ThrownLike): void {
  write({ type: 'unhandled-error', message: describeUncaught(error) });
}
