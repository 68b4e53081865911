// The CLI contract, flag by flag, run as a learner runs it, against a small fixture exercise.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeReportSchema } from '../../src/lib/schemas/report.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/exercises');
const NODE = join(ROOT, 'node_modules/node/bin/node');
const ID = 'event-loop/tiny-sum';
let workspace: string;
let scratch: string;

const env = () => ({ ...process.env, CT_EXERCISES_DIR: FIXTURES, CT_WORKSPACE_DIR: workspace, NO_COLOR: undefined, FORCE_COLOR: undefined });
function grade(...args: string[]) {
  const r = spawnSync(NODE, ['cli/grade.mjs', ...args], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SOLUTION = readFileSync(join(FIXTURES, ID, 'solution/sum.ts'), 'utf8');

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'ct-workspace-'));
  scratch = mkdtempSync(join(tmpdir(), 'ct-scratch-'));
});
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('choosing an exercise', () => {
  test('an unknown id prints the closest matches and exits 2', () => {
    const r = grade('event-loop/tiny-summ');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no exercise matches "event-loop/tiny-summ"');
    expect(r.stderr).toMatch(/Closest matches:\n\s+event-loop\/tiny-sum/);
  });
  test('a unique slug or prefix is accepted', () => {
    expect(grade('tiny', '--solution').code).toBe(0);
  });
  test('no id, or a forbidden combination of flags, is a usage error with exit 2', () => {
    for (const args of [[], ['tiny', '--solution', '--starter'], ['tiny', '--bogus'], ['--all', '--file', 'x.ts']]) {
      const r = grade(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^Error: /);
      expect(r.stderr).toContain('Usage: npm run grade');
    }
  });
  test('--help prints the usage and exits 0', () => {
    const r = grade('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--watch');
  });
});

describe('grading the workspace copy', () => {
  test('first use creates the copy from the starter, says where to edit, and fails with exit 1', () => {
    const r = grade(ID);
    expect(r.stdout).toContain('Created your copy of event-loop/tiny-sum from the starter');
    const copy = join(workspace, ID, 'sum.ts');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(FIXTURES, ID, 'starter/sum.ts'), 'utf8'));
    expect(r.stdout).toMatch(/✗ 1\. adds two numbers/);
    expect(r.stdout).toContain('TODO: return a + b');
    expect(r.stdout).toMatch(/FAIL {2}0 of 3 tests passed/);
    expect(r.code).toBe(1);
  });
  test('progress shows as test names as they finish, without colour when not on a terminal', () => {
    const r = grade(ID);
    expect(r.stdout).not.toContain('Created your copy');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
  test('after the learner fixes the copy it passes, exit 0, and --list shows "passed"', () => {
    expect(grade('--list').stdout).toMatch(/attempted\s+event-loop\/tiny-sum/);
    writeFileSync(join(workspace, ID, 'sum.ts'), SOLUTION);
    const r = grade(ID);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS {2}3 of 3 tests passed/);
    const list = grade('--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/passed\s+event-loop\/tiny-sum\s+Tiny sum/);
    expect(list.stdout).toContain('1 of 1 passed.');
  });
});

describe('other targets', () => {
  test('--solution --json prints exactly the report on stdout, nothing else', () => {
    const r = grade(ID, '--solution', '--json');
    expect(r.code).toBe(0);
    const report = gradeReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ exercise: ID, verdict: 'pass' });
    expect(report.tests).toHaveLength(3);
    expect(r.stderr).toContain('Grading event-loop/tiny-sum (the reference solution)');
  });
  test('through npm as the README shows: npm run -s grade -- ... --json', () => {
    const r = spawnSync('npm', ['run', '-s', 'grade', '--', ID, '--starter', '--json'], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ exercise: ID, verdict: 'fail' });
  });
  test('--starter fails', () => {
    expect(grade(ID, '--starter').code).toBe(1);
  });
  test('--file grades that file; --dir grades a folder', () => {
    const file = join(scratch, 'my-sum.ts');
    writeFileSync(file, SOLUTION);
    expect(grade(ID, '--file', file).code).toBe(0);
    const dir = join(scratch, 'dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sum.ts'), SOLUTION.replace('a + b;\n}\n\nexport', 'a - b;\n}\n\nexport'));
    const r = grade(ID, '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 1\. adds two numbers/);
  });
  test('a missing --file or a --dir without the exercise files is a usage error', () => {
    expect(grade(ID, '--file', join(scratch, 'nope.ts')).code).toBe(2);
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = grade(ID, '--dir', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lacks sum.ts');
  });
  test('code that loops forever gets TIMEOUT naming the running test, exit 1', () => {
    const file = join(scratch, 'loop.ts');
    writeFileSync(file, SOLUTION.replace('return a + b;', 'while (true) {}'));
    const r = grade(ID, '--file', file, '--json');
    expect(r.code).toBe(1);
    const report = gradeReportSchema.parse(JSON.parse(r.stdout));
    expect(report.verdict).toBe('timeout');
    expect(report.tests.find((t) => t.status === 'fail')?.name).toBe('adds two numbers');
  });
});

describe('--all', () => {
  test('--all --solution grades every reference and prints a summary table', () => {
    const r = grade('--all', '--solution');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/event-loop\/tiny-sum\s+PASS\s+3\/3/);
    expect(r.stdout).toContain('1 of 1 exercises pass.');
  });
  test('--all --starter exits 1; with --json prints an array of reports', () => {
    const r = grade('--all', '--starter', '--json');
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as unknown[];
    expect(reports.map((x) => gradeReportSchema.parse(x).verdict)).toEqual(['fail']);
  });
});

describe('--hint', () => {
  test('shows the next unrevealed hint each time, then says there are none left', () => {
    const first = grade(ID, '--hint');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Hint 1 of 3 for event-loop/tiny-sum, task 1. Add now:');
    expect(first.stdout).toContain('The plus operator adds numbers.');
    expect(grade(ID, '--hint').stdout).toContain('Hint 2 of 3');
    expect(grade(ID, '--hint').stdout).toContain('Hint 3 of 3 for event-loop/tiny-sum, task 2. Add later');
    expect(grade(ID, '--hint').stdout).toContain('You have seen all 3 hints');
  });
  test('after a run, the hints of the first failing task come first, then the rest in order', () => {
    rmSync(join(workspace, 'progress.json'), { force: true }); // hints seen by the test before
    grade(ID); // creates the copy from the starter if there is none yet
    const starter = readFileSync(join(FIXTURES, ID, 'starter/sum.ts'), 'utf8');
    writeFileSync(join(workspace, ID, 'sum.ts'), starter.replace("throw new Error('TODO: return a + b');", 'return a + b;'));
    expect(grade(ID).stdout).toMatch(/✗ 2\. resolves with the sum/);
    const first = grade(ID, '--hint').stdout;
    expect(first).toContain('Hint 1 of 3 for event-loop/tiny-sum, task 2. Add later (the first task your last run failed):');
    expect(first).toContain('An async function wraps its return value in a promise.');
    expect(grade(ID, '--hint').stdout).toContain('Hint 2 of 3 for event-loop/tiny-sum, task 1. Add now:');
    expect(grade(ID, '--hint').stdout).toContain('Hint 3 of 3 for event-loop/tiny-sum, task 1. Add now:');
    expect(grade(ID, '--hint').stdout).toContain('You have seen all 3 hints');
  });
  test('an unreadable progress file is kept aside, never overwritten', () => {
    writeFileSync(join(workspace, 'progress.json'), '{ not json');
    const r = grade('--list');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/could not be read .* it was kept as .*progress\.json\.unreadable-/);
  });
});

test('--watch grades, then grades again when the file is saved', async () => {
  const file = join(scratch, 'watched.ts');
  writeFileSync(file, SOLUTION.replace('return a + b;', 'return a * b;'));
  const child = spawn(NODE, ['cli/grade.mjs', ID, '--file', file, '--watch'], { cwd: ROOT, env: env() });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const waitFor = async (pattern: RegExp, count: number) => {
    for (let i = 0; i < 600 && (out.match(new RegExp(pattern, 'g')) ?? []).length < count; i++) await new Promise((r) => setTimeout(r, 100));
    expect((out.match(new RegExp(pattern, 'g')) ?? []).length, out).toBeGreaterThanOrEqual(count);
  };
  try {
    await waitFor(/Watching .*watched\.ts/, 1);
    expect(out).toMatch(/FAIL/);
    writeFileSync(file, SOLUTION);
    await waitFor(/PASS {2}3 of 3/, 1);
    await waitFor(/Watching/, 2);
  } finally {
    child.kill('SIGINT');
  }
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
});

test('a malformed exercise.json makes the CLI name the file and the field', () => {
  const root = mkdtempSync(join(tmpdir(), 'ct-bad-'));
  mkdirSync(join(root, 'event-loop/bad'), { recursive: true });
  writeFileSync(join(root, 'event-loop/bad/exercise.json'), '{"id": "event-loop/bad"}');
  const r = spawnSync(NODE, ['cli/grade.mjs', '--list'], { cwd: ROOT, env: { ...env(), CT_EXERCISES_DIR: root }, encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/event-loop\/bad\/exercise\.json: title: /);
  rmSync(root, { recursive: true, force: true });
  expect(existsSync(root)).toBe(false);
});
