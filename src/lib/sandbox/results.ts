import type { GradeReport, TestResult } from '../schemas/report.ts';
import type { TaskHeading } from '../exercises/tasks.ts';

export interface TaskGroup {
  /** Undefined for checks that belong to no task (the code loads, no timers left running, ...). */
  task?: TaskHeading;
  tests: TestResult[];
  passed: number;
}

/** The report's tests grouped by numbered task, in task order, with checks outside any task first. */
export function groupByTask(report: GradeReport, tasks: TaskHeading[]): TaskGroup[] {
  const groups: TaskGroup[] = [];
  const general = report.tests.filter((t) => t.task === undefined);
  if (general.length) groups.push({ tests: general, passed: count(general) });
  for (const task of tasks) {
    const tests = report.tests.filter((t) => t.task === task.number);
    if (tests.length) groups.push({ task, tests, passed: count(tests) });
  }
  const known = new Set(tasks.map((t) => t.number));
  const orphans = report.tests.filter((t) => t.task !== undefined && !known.has(t.task));
  if (orphans.length) groups.push({ tests: orphans, passed: count(orphans) });
  return groups;
}

const count = (tests: TestResult[]) => tests.filter((t) => t.status === 'pass').length;

/** One line for the top of the results, the same words as the CLI's summary. */
export function verdictLine(report: GradeReport): string {
  const passed = count(report.tests);
  const word = { pass: 'All tests pass', fail: 'Some tests fail', timeout: 'Timed out', error: 'Could not grade' }[report.verdict];
  return `${word}: ${passed} of ${report.tests.length} tests passed in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/**
 * The few words a screen reader announces when a run ends (the full report stays on screen, out of the live region):
 * how many tests pass and the first failure in the order the results list them, cut to a sentence's length.
 */
export function spokenVerdict(report: GradeReport, tasks: TaskHeading[]): string {
  const passed = count(report.tests);
  if (report.verdict === 'pass') return report.tests.length === 1 ? 'The test passes.' : `All ${report.tests.length} tests pass.`;
  const lead = { fail: '', timeout: 'Timed out. ', error: 'Could not grade. ' }[report.verdict];
  const first = groupByTask(report, tasks)
    .flatMap((g) => g.tests)
    .find((t) => t.status === 'fail');
  const failure = first ? ` First failure: ${clip(first.name)}${first.task === undefined ? '' : ` (task ${first.task})`}.` : '';
  return `${lead}${passed} of ${report.tests.length} tests pass.${failure}`;
}

const clip = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Hint text from markdown: HTML-escaped, with `code` spans kept as code. */
export function hintHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}
