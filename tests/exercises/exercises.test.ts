// Every exercise, on the pinned Node and on Node 20: the reference and every alternative correct solution (alt/)
// pass every grader test, the starter fails at least one, and every wrong solution fails at least one. Plus the format an author must follow.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAltSolutions, listExercises, listWrongSolutions } from '../../src/lib/exercises/load.ts';
import { variantsOf } from '../../src/lib/exercises/variants.ts';
import { graderTasks, taskHeadings, taskSections } from '../../src/lib/exercises/tasks.ts';
import { groupedGrader } from '../../src/lib/runner/run-batch.ts';
import { limiter } from '../../src/lib/runner/limiter.ts';
import { testLine } from '../../src/lib/grading/report.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';

const exercises = listExercises();
// Two batches at a time, one per core: each is a Vitest process grading one variant after another, the variants of
// eight exercises per batch (one Vitest start-up instead of eight).
const batches = limiter(2);
// The starter fails on its TODOs on any Node; it is graded on the pinned Node here, and on Node 20 with the
// browser sandbox's toolchain by tests/sandbox-runtime/toolchain.test.ts.
const runtimes = nodeRuntimes().map((runtime, i) => ({
  ...runtime,
  variants: (exercise: (typeof exercises)[number]) => variantsOf(exercise).filter((v) => i === 0 || v.label !== 'starter'),
}));
const graders = new Map(
  runtimes.map((r) => [r.path, groupedGrader({ exercises, variants: r.variants, size: 8, schedule: batches, nodePath: r.path })]),
);

test('the course has exercises', () => {
  expect(exercises.length).toBeGreaterThanOrEqual(2);
});

test('each module orders its exercises from easy to hard', () => {
  const rank = { easy: 0, medium: 1, hard: 2 } as const;
  const modules = [...new Set(exercises.map((e) => e.meta.module))];
  for (const module of modules) {
    const mine = exercises.filter((e) => e.meta.module === module).sort((a, b) => a.meta.order - b.meta.order);
    const ranks = mine.map((e) => rank[e.meta.difficulty]);
    expect(
      ranks.every((r, i) => i === 0 || r >= ranks[i - 1]!),
      `${module}: ${mine.map((e) => `${e.meta.order}. ${e.meta.id.split('/')[1]} (${e.meta.difficulty})`).join(', ')}`,
    ).toBe(true);
    expect(mine.map((e) => e.meta.order), `${module}: orders are 1, 2, 3, ...`).toEqual(mine.map((_, i) => i + 1));
  }
});

describe.concurrent.each(exercises.map((e) => ({ id: e.meta.id, exercise: e })))('$id', ({ exercise }) => {
  const read = (name: string) => readFileSync(join(exercise.dir, name), 'utf8');

  test('has instructions, hints, grader, starter and solution files, two alternative solutions and three wrong ones', () => {
    for (const name of ['instructions.md', 'hints.md', 'grader.test.ts']) expect(existsSync(join(exercise.dir, name)), name).toBe(true);
    for (const file of exercise.meta.files) {
      expect(existsSync(join(exercise.dir, 'starter', file)), `starter/${file}`).toBe(true);
      expect(existsSync(join(exercise.dir, 'solution', file)), `solution/${file}`).toBe(true);
    }
    const wrong = listWrongSolutions(exercise);
    expect(wrong.length, 'wrong solutions (wrong/)').toBeGreaterThanOrEqual(3);
    for (const w of wrong) expect(Object.keys(w.files).sort(), `wrong/${w.name} holds every learner file`).toEqual([...exercise.meta.files].sort());
    const alt = listAltSolutions(exercise);
    expect(alt.length, 'correct solutions that take another approach (alt/)').toBeGreaterThanOrEqual(2);
    for (const a of alt) expect(Object.keys(a.files).sort(), `alt/${a.name} holds every learner file`).toEqual([...exercise.meta.files].sort());
  });

  test('tasks, hints and the grader\'s describe blocks share the same numbered headings', () => {
    const tasks = taskHeadings(read('instructions.md'));
    expect(tasks.length, 'numbered tasks ("## 1. ...") in instructions.md').toBeGreaterThan(0);
    expect(tasks.map((t) => t.number), 'tasks are numbered 1, 2, 3, ...').toEqual(tasks.map((_, i) => i + 1));
    expect(taskHeadings(read('hints.md')), 'hints.md headings').toEqual(tasks);
    for (const [n, body] of taskSections(read('hints.md'))) expect(body.trim().length, `hints for task ${n}`).toBeGreaterThan(0);
    expect(graderTasks(read('grader.test.ts')), "grader.test.ts top-level describe('N. Title') blocks").toEqual(tasks);
  });

  test('the grader imports the learner code only through #subject', () => {
    const grader = read('grader.test.ts');
    expect(grader).toMatch(/from '#subject\//);
    expect(grader, 'no relative import of starter/ or solution/').not.toMatch(/from '\.\.?\/(starter|solution|wrong)\//);
  });

  // Every variant of the exercise is graded in one Vitest process per Node (runGraderBatch, which grades each
  // variant alone again whenever the batch's result could differ); expect.soft names every variant that is wrong.
  // Generous: the test also waits its turn for one of the two batch slots.
  // Concurrent tests must use their own context's expect (test.for passes it).
  test.for(runtimes)('every variant gets the verdict it must on $label', { timeout: 900_000 }, async ({ path, variants: variantsFor }, { expect }) => {
    const variants = variantsFor(exercise);
    const { reports } = await graders.get(path)!(exercise);
    variants.forEach(({ label, mustPass }, i) => {
      const report = reports[i]!;
      const summary = `${label} got "${report.verdict}"\n${report.tests.map(testLine).join('\n')}`;
      if (mustPass) {
        expect.soft(report.verdict, summary).toBe('pass');
        expect.soft(report.tests.every((t) => t.status === 'pass'), summary).toBe(true);
      } else {
        expect.soft(['fail', 'timeout'], summary).toContain(report.verdict);
        expect.soft(report.tests.some((t) => t.status === 'fail'), summary).toBe(true);
      }
    });
  });
});
