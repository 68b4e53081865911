import { expect, test } from 'vitest';
import { groupByTask, hintHtml, spokenVerdict, verdictLine } from '../../src/lib/sandbox/results.ts';
import type { GradeReport } from '../../src/lib/schemas/report.ts';

const report: GradeReport = {
  exercise: 'event-loop/x',
  verdict: 'fail',
  durationMs: 1500,
  tests: [
    { name: 'a', task: 1, status: 'pass' },
    { name: 'b', task: 2, status: 'fail', message: 'expected 1, got 2' },
    { name: 'c', task: 1, status: 'pass' },
    { name: 'Leaves no timers running', status: 'fail', message: 'a setInterval' },
  ],
};
const tasks = [{ number: 1, title: 'One' }, { number: 2, title: 'Two' }];

test('groups tests by task, checks outside any task first', () => {
  const groups = groupByTask(report, tasks);
  expect(groups.map((g) => [g.task?.number, g.tests.map((t) => t.name), g.passed])).toEqual([
    [undefined, ['Leaves no timers running'], 0],
    [1, ['a', 'c'], 2],
    [2, ['b'], 0],
  ]);
});

test('summarises the verdict like the CLI', () => {
  expect(verdictLine(report)).toBe('Some tests fail: 2 of 4 tests passed in 1.5 s');
});

test('hint text is escaped, with code spans', () => {
  expect(hintHtml('Use `a < b` <b>')).toBe('Use <code>a &lt; b</code> &lt;b&gt;');
});

test('the spoken verdict is short: the count and the first failure as the results list it', () => {
  expect(spokenVerdict(report, tasks)).toBe('2 of 4 tests pass. First failure: Leaves no timers running.');
  const taskFailure = { ...report, tests: report.tests.slice(0, 3) };
  expect(spokenVerdict(taskFailure, tasks)).toBe('2 of 3 tests pass. First failure: b (task 2).');
  expect(spokenVerdict({ ...report, verdict: 'pass', tests: [report.tests[0]!] }, tasks)).toBe('The test passes.');
  expect(spokenVerdict({ ...report, verdict: 'pass' }, tasks)).toBe('All 4 tests pass.');
  expect(spokenVerdict({ ...report, verdict: 'timeout' }, tasks)).toMatch(/^Timed out\. 2 of 4 tests pass\./);
  const long = { ...report, tests: [{ name: 'x'.repeat(300), status: 'fail' as const }] };
  expect(spokenVerdict(long, tasks).length).toBeLessThan(160);
});
