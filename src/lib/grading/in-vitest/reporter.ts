// Runs in Vitest's main process. Per-test results come from the worker's journal; this adds what only the
// main process sees: a grader file that failed to load, errors thrown outside tests, and the end of the run.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { JOURNAL_FILE, serializeEvent, type JournalEvent } from '../journal.ts';

const journal = fileURLToPath(new URL(`../${JOURNAL_FILE}`, import.meta.url));
const write = (event: JournalEvent): void => appendFileSync(journal, serializeEvent(event));

interface ErrorLike {
  message?: string;
  name?: string;
  stack?: string;
  frame?: string;
}

function describe(error: ErrorLike): string {
  const head = error.name && error.name !== 'Error' && !error.message?.startsWith(error.name)
    ? `${error.name}: ${error.message ?? ''}`
    : (error.message ?? String(error));
  return error.frame ? `${head}\n${error.frame}` : head;
}

export default class GradeReporter implements Reporter {
  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) write({ type: 'module-error', message: describe(error) });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<ErrorLike>): void {
    for (const error of unhandledErrors) write({ type: 'unhandled-error', message: describe(error) });
    write({ type: 'done' });
  }
}
