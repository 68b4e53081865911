// The runner against learner code that misbehaves: every case gets a clear verdict that is never "pass",
// within the time limit + 2 s, on the pinned Node and on Node 20.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadExercise } from '../../src/lib/exercises/load.ts';
import { runGrader } from '../../src/lib/runner/run-grader.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import type { GradeReport } from '../../src/lib/schemas/report.ts';

const root = fileURLToPath(new URL('../fixtures/exercises/', import.meta.url));
const exercise = loadExercise(`${root}event-loop/tiny-sum`, root);
const LIMIT = exercise.meta.timeLimitMs; // 5 s in the fixture, to keep the suite quick

const ok = `export function sum(a: number, b: number): number {\n  return a + b;\n}\nexport async function sumLater(a: number, b: number): Promise<number> {\n  return a + b;\n}\n`;
const inSum = (body: string) => ok.replace('  return a + b;\n}\nexport async', `  ${body}\n  return a + b;\n}\nexport async`);

interface Case {
  name: string;
  code: string;
  verdict: GradeReport['verdict'];
  /** A test or check whose message must match. */
  expect: { name: RegExp; message: RegExp };
}

const cases: Case[] = [
  { name: 'loops forever synchronously', code: inSum('while (true) {}'), verdict: 'timeout', expect: { name: /adds two numbers/, message: /Still running when the 5 s limit/ } },
  {
    name: 'loops forever in microtasks',
    code: inSum('const spin = (): Promise<void> => Promise.resolve().then(spin); void spin();'),
    verdict: 'timeout',
    expect: { name: /Lets the test run finish|adds/, message: /busy|Still running/ },
  },
  {
    name: 'returns a promise that never settles',
    code: ok.replace('Promise<number> {\n  return a + b;', 'Promise<number> {\n  await new Promise(() => {});\n  return a + b;'),
    verdict: 'timeout',
    expect: { name: /resolves with the sum/, message: /Did not finish within 1.5 s/ },
  },
  { name: 'keeps the process alive with an interval', code: ok + 'setInterval(() => {}, 1000);\n', verdict: 'fail', expect: { name: /Leaves no timers running/, message: /setInterval every 1000 ms/ } },
  { name: 'calls process.exit(0)', code: inSum('process.exit(0);'), verdict: 'fail', expect: { name: /adds two numbers/, message: /process\.exit unexpectedly called with "0"/ } },
  { name: 'calls process.exit(1) at import', code: 'process.exit(1);\n' + ok, verdict: 'fail', expect: { name: /Your code loads/, message: /process\.exit unexpectedly called with "1"/ } },
  { name: 'throws at import', code: 'throw new Error("boom at import");\n' + ok, verdict: 'fail', expect: { name: /Your code loads/, message: /boom at import/ } },
  { name: 'has a syntax error', code: ok.replace('return a + b;', 'return a + ;'), verdict: 'fail', expect: { name: /Your code loads/, message: /sum\.ts:2:/ } },
  { name: 'prints megabytes', code: inSum('for (let i = 0; i < 6000; i++) console.log("x".repeat(200));'), verdict: 'fail', expect: { name: /Keeps its output under 1 MB/, message: /printed 2\.\d MB/ } },
  { name: 'replaces setTimeout', code: '(globalThis as { setTimeout: unknown }).setTimeout = () => 0;\n' + ok, verdict: 'fail', expect: { name: /Leaves the built-in globals alone/, message: /replaced setTimeout/ } },
  { name: 'replaces Promise', code: '(globalThis as { Promise: unknown }).Promise = function () {};\n' + ok, verdict: 'fail', expect: { name: /./, message: /./ } },
  { name: 'kills its own process', code: inSum('process.kill(process.pid, "SIGKILL");'), verdict: 'fail', expect: { name: /adds two numbers/, message: /stopped/ } },
];

describe.each(nodeRuntimes())('runner on $label', ({ path }) => {
  test('the reference passes', async () => {
    const report = await runGrader({ exercise, subject: { 'sum.ts': ok }, nodePath: path });
    expect(report.verdict, JSON.stringify(report.tests)).toBe('pass');
    expect(report.tests.map((t) => [t.task, t.name])).toEqual([
      [1, 'adds two numbers'],
      [1, 'adds negative numbers'],
      [2, 'resolves with the sum'],
    ]);
  });

  // One at a time: the time bound is about the runner, not about how many runs share two cores.
  test.each(cases)('learner code that $name gets "$verdict" within the limit + 2 s', async ({ code, verdict, expect: want }) => {
    const started = performance.now();
    const report = await runGrader({ exercise, subject: { 'sum.ts': code }, nodePath: path });
    const elapsed = performance.now() - started;
    const summary = JSON.stringify(report, null, 1);
    expect(report.verdict, summary).toBe(verdict);
    expect(report.tests.some((t) => t.status === 'fail' && want.name.test(t.name) && want.message.test(t.message ?? '')), summary).toBe(true);
    expect(elapsed, 'wall-clock time to the verdict').toBeLessThan(LIMIT + 2000);
  });

  test('a missing learner file is a failure to load, not an error of ours', async () => {
    const report = await runGrader({ exercise, subject: {}, nodePath: path });
    expect(report.verdict).toBe('fail');
    expect(report.tests[0]?.name).toBe('Your code loads without errors');
  });
});

test('a Node binary that does not exist gives "error" that says it is not the learner\'s fault', async () => {
  const report = await runGrader({ exercise, subject: { 'sum.ts': ok }, nodePath: '/nonexistent/node' });
  expect(report.verdict).toBe('error');
  expect(report.tests[0]?.message).toMatch(/not with your code/);
});
