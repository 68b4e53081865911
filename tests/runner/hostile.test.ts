// The runner against learner code that misbehaves: every case gets a clear verdict that is never "pass",
// within the time limit + 2 s, on the pinned Node and on Node 20.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadExercise } from '../../src/lib/exercises/load.ts';
import { runGrader } from '../../src/lib/runner/run-grader.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { cases, ok } from './hostile-cases.ts';

const root = fileURLToPath(new URL('../fixtures/exercises/', import.meta.url));
const exercise = loadExercise(`${root}event-loop/tiny-sum`, root);
const LIMIT = exercise.meta.timeLimitMs;
const VITEST_BIN = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs'); // 5 s in the fixture, to keep the suite quick

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

  // One at a time: the time bound is about the runner, not about how many runs share two cores. The limit is the
  // learner's: it runs from the moment their code starts to load, not from the start of the test tools.
  test.each(cases)('learner code that $name gets "$verdict" within the limit + 2 s', async ({ code, verdict, expect: want }) => {
    let started = performance.now();
    const report = await runGrader({ exercise, subject: { 'sum.ts': code }, nodePath: path, onLoaded: () => (started = performance.now()) });
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

// Test tools slowed on purpose: a Vitest that starts late, and one whose transform of the learner's file sleeps.
// Slow tools are never the learner's timeout: within their budget the grade is unchanged, past it the verdict is
// "error" and says the machine was too slow.
function slowVitest(options: { startMs: number; transformMs: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-slow-vitest-'));
  const bin = join(dir, 'slow-vitest.mjs');
  const plugin = `{ name: 'slow-transform', async transform(code, id) { if (id.includes('/subject/') && !id.includes('/support/')) await new Promise((r) => setTimeout(r, ${options.transformMs})); return null; } }`;
  writeFileSync(
    bin,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      `await new Promise((r) => setTimeout(r, ${options.startMs}));`,
      "const config = readFileSync('vitest.config.mjs', 'utf8').replace('export default config;', 'config.plugins = [" + plugin.replace(/'/g, "\\'") + "];\\nexport default config;');",
      "writeFileSync('vitest.config.mjs', config);",
      `await import(${JSON.stringify(VITEST_BIN)});`,
    ].join('\n'),
  );
  return bin;
}

describe('test tools that are slow', () => {
  const [pinned] = nodeRuntimes();
  const run = (vitestBin: string, startupBudgetMs: number) =>
    runGrader({ exercise, subject: { 'sum.ts': ok }, nodePath: pinned!.path, startupBudgetMs, toolchain: { workRoot: join(tmpdir(), 'ct-slow-grading'), vitestBin } });

  test('a transform slower than the time limit but within the budget does not change the grade', async () => {
    const report = await run(slowVitest({ startMs: 0, transformMs: LIMIT + 1500 }), 20_000);
    expect(report.verdict, JSON.stringify(report.tests)).toBe('pass');
  });

  test('a transform slower than the limit and the budget is "error", saying the machine was too slow', async () => {
    const report = await run(slowVitest({ startMs: 0, transformMs: LIMIT + 8000 + 2000 }), 8000);
    expect(report.verdict, JSON.stringify(report.tests)).toBe('error');
    expect(report.tests[0]!.message).toMatch(/test tools took longer .* too slow or too busy/);
    expect(JSON.stringify(report)).not.toMatch(/endless loop/);
  });

  test('test tools that start too late are "error", not a timeout', async () => {
    const report = await run(slowVitest({ startMs: 4000, transformMs: 0 }), 2000);
    expect(report.verdict, JSON.stringify(report.tests)).toBe('error');
    expect(report.tests[0]!.message).toMatch(/did not start within 2 s: this machine was too slow or too busy/);
  });
});

test('a Node binary that does not exist gives "error" that says it is not the learner\'s fault', async () => {
  const report = await runGrader({ exercise, subject: { 'sum.ts': ok }, nodePath: '/nonexistent/node' });
  expect(report.verdict).toBe('error');
  expect(report.tests[0]?.message).toMatch(/not with your code/);
});
