// The batch runner (several variants in one Vitest process, for the project's own checks) may only be faster than
// grading each variant alone, never different: the same verdicts and per-test results, and a variant that hangs
// or takes its process down sends the whole batch back to one grading per variant.
import { expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { listExercises, loadExercise, readSubjectDir } from '../../src/lib/exercises/load.ts';
import { runGrader } from '../../src/lib/runner/run-grader.ts';
import { runGraderBatch } from '../../src/lib/runner/run-batch.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import type { GradeReport } from '../../src/lib/schemas/report.ts';

const root = fileURLToPath(new URL('../fixtures/exercises/', import.meta.url));
const exercise = loadExercise(`${root}event-loop/tiny-sum`, root);
const [pinned] = nodeRuntimes();

const ok = `export function sum(a: number, b: number): number {\n  return a + b;\n}\nexport async function sumLater(a: number, b: number): Promise<number> {\n  return a + b;\n}\n`;
const inSum = (body: string) => ok.replace('  return a + b;\n}\nexport async', `  ${body}\n  return a + b;\n}\nexport async`);
const variant = (label: string, code: string) => ({ label, files: { 'sum.ts': code } });

/** What a grade says, without timings or this run's folder names. */
const gist = (r: GradeReport) => ({
  verdict: r.verdict,
  tests: r.tests.map((t) => `${t.status} ${t.task ?? '-'}. ${t.name}: ${(t.message ?? '').replace(/\d+(\.\d+)? ?m?s\b/g, '<time>')}`),
});

test('a batch without hangs gives each variant the report a single grading gives', async () => {
  const variants = [
    variant('reference', ok),
    variant('subtracts', ok.replace('return a + b;', 'return a - b;')),
    variant('throws at import', 'throw new Error("boom at import");\n' + ok),
    variant('leaves an interval', ok + 'setInterval(() => {}, 1000);\n'),
    variant('prints megabytes', inSum('for (let i = 0; i < 6000; i++) console.log("x".repeat(200));')),
    variant('rejects outside the tests', ok + 'setTimeout(() => { throw new Error("late throw"); }, 5);\n'),
  ];
  const batch = await runGraderBatch({ exercise, variants, nodePath: pinned!.path });
  expect(batch.fellBack).toBeUndefined();
  const singles: GradeReport[] = [];
  for (const v of variants) singles.push(await runGrader({ exercise, subject: v.files, nodePath: pinned!.path }));
  expect(batch.reports.map(gist)).toEqual(singles.map(gist));
  expect(batch.reports.map((r) => r.verdict)).toEqual(['pass', 'fail', 'fail', 'fail', 'fail', 'fail']);
  expect(batch.reports[2]!.tests[0]!.message).toMatch(/boom at import/);
}, 240_000);

test('a batch may mix exercises: each variant is graded by its own exercise\'s grader and limits', async () => {
  const gather = listExercises().find((e) => e.meta.id === 'promises/gather-all')!;
  const reference = readSubjectDir(gather, join(gather.dir, 'solution'));
  const batch = await runGraderBatch({
    exercise,
    variants: [variant('reference', ok), { label: 'gather-all reference', files: reference, exercise: gather }, variant('subtracts', ok.replace('return a + b;', 'return a - b;'))],
    nodePath: pinned!.path,
  });
  expect(batch.fellBack).toBeUndefined();
  expect(batch.reports.map((r) => `${r.exercise} ${r.verdict}`)).toEqual(['event-loop/tiny-sum pass', 'promises/gather-all pass', 'event-loop/tiny-sum fail']);
  const single = await runGrader({ exercise: gather, subject: reference, nodePath: pinned!.path });
  expect(gist(batch.reports[1]!)).toEqual(gist(single));
}, 240_000);

test('a variant that hangs sends the batch back to one grading per variant, with the same verdicts', async () => {
  const variants = [variant('reference', ok), variant('loops forever', inSum('while (true) {}')), variant('subtracts', ok.replace('return a + b;', 'return a - b;'))];
  const batch = await runGraderBatch({ exercise, variants, nodePath: pinned!.path });
  expect(batch.fellBack).toMatch(/did not finish within the time limit/);
  expect(batch.reports.map((r) => r.verdict)).toEqual(['pass', 'timeout', 'fail']);
}, 240_000);
