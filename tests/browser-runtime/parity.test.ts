// The in-page runtime grades exactly as Node does: every variant of every exercise the page grades itself
// (solution, starter, each alt/, each wrong/) is graded in Chromium by the browser runtime and by the Node runner,
// and the verdicts and every test's status must agree. A difference names the exercise, the variant and the test.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listExercises } from '../../src/lib/exercises/load.ts';
import { variantsOf } from '../../src/lib/exercises/variants.ts';
import { sandboxPayload } from '../../src/lib/course/sandbox-payload.ts';
import { gradeRequest } from '../../src/lib/sandbox/runtime.ts';
import { runGraderBatch } from '../../src/lib/runner/run-batch.ts';
import type { GradeReport } from '../../src/lib/schemas/report.ts';
import { startHarness, type Harness } from '../../src/lib/runner/in-page-harness.ts';

const exercises = listExercises().map((exercise) => ({ exercise, payload: sandboxPayload(exercise) }));
const inPage = exercises.filter((e) => e.payload.inPage);
const variants = inPage.flatMap(({ exercise, payload }) => variantsOf(exercise).map((variant) => ({ exercise, payload, variant })));

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

test('the page grades about half the exercises itself, and only those whose code needs no Node API', () => {
  expect(inPage.map((e) => e.exercise.meta.id).length, inPage.map((e) => e.exercise.meta.id).join(', ')).toBeGreaterThanOrEqual(14);
  for (const { exercise, payload } of exercises) {
    if (!payload.inPage) expect(payload.inPageUnsupported, exercise.meta.id).toMatch(/uses|imports/);
  }
});

/** What must agree: the verdict, and each test's name and status, in order. */
const outline = (report: GradeReport) => ({ verdict: report.verdict, tests: report.tests.map((t) => `${t.status} ${t.name}`) });

test('every variant of every in-page exercise gets the same verdict and per-test results as on Node', { timeout: 900_000 }, async () => {
  const node = await runGraderBatch({ exercise: variants[0]!.exercise, variants: variants.map(({ exercise, variant }) => ({ label: variant.label, files: variant.files, exercise })) });
  const differences: string[] = [];
  for (const [i, { exercise, payload, variant }] of variants.entries()) {
    const where = `${exercise.meta.id} ${variant.label}`;
    const inBrowser = await harness.grade(gradeRequest(payload, variant.files));
    if (!inBrowser.report) {
      differences.push(`${where}: the page did not grade it (${inBrowser.error?.reason}: ${inBrowser.error?.message})`);
      continue;
    }
    const [a, b] = [outline(node.reports[i]!), outline(inBrowser.report)];
    if (a.verdict !== b.verdict) differences.push(`${where}: verdict ${a.verdict} on Node, ${b.verdict} in the page`);
    const names = new Set([...a.tests, ...b.tests].map((t) => t.replace(/^\w+ /, '')));
    for (const name of names) {
      const [onNode, inPageStatus] = [a.tests.find((t) => t.endsWith(` ${name}`))?.split(' ')[0] ?? 'absent', b.tests.find((t) => t.endsWith(` ${name}`))?.split(' ')[0] ?? 'absent'];
      if (onNode !== inPageStatus) {
        const message = inBrowser.report.tests.find((t) => t.name === name)?.message ?? node.reports[i]!.tests.find((t) => t.name === name)?.message ?? '';
        differences.push(`${where}: "${name}" ${onNode} on Node, ${inPageStatus} in the page: ${message.split('\n')[0]}`);
      }
    }
    if (variant.mustPass !== (b.verdict === 'pass')) differences.push(`${where}: must ${variant.mustPass ? 'pass' : 'fail'}, got ${b.verdict} in the page`);
  }
  expect(differences, `${variants.length} variants of ${inPage.length} exercises`).toEqual([]);
});
