// Grading speed: our CLI against a bare `vitest run` of the same grader, the time to a "timeout" verdict, and
// grading every reference. Runs alternate so that load on the machine affects both sides alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT, listExercises, readSubjectDir, readSupport, resolveExercise, type Exercise } from '../src/lib/exercises/load.ts';
import { buildWorkspace, RUNTIME_FILES, GRADER_FILE } from '../src/lib/grading/workspace.ts';
import { runGrader } from '../src/lib/runner/run-grader.ts';
import { cleanEnv } from '../src/lib/runner/clean-env.ts';

const NODE = join(PROJECT_ROOT, 'node_modules/node/bin/node');
const VITEST = join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs');

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function find(id: string): Exercise {
  const found = resolveExercise(id, listExercises());
  if (found.kind !== 'found') throw new Error(`bench: no exercise ${id}`);
  return found.exercise;
}

/** A workspace with the grader and the reference but none of our glue: what "bare Vitest" means here. */
function bareWorkspace(exercise: Exercise): string {
  const dir = join(PROJECT_ROOT, '.grading', `bench-bare-${exercise.meta.id.replace('/', '--')}`);
  rmSync(dir, { recursive: true, force: true });
  const runtime = Object.fromEntries(RUNTIME_FILES.map((f) => [f, readFileSync(join(PROJECT_ROOT, 'src/lib/grading', f), 'utf8')]));
  const files = buildWorkspace({
    grader: readFileSync(join(exercise.dir, GRADER_FILE), 'utf8'),
    subject: readSubjectDir(exercise, join(exercise.dir, 'solution')),
    support: readSupport(exercise),
    runtime,
    testTimeoutMs: exercise.meta.testTimeoutMs,
  });
  files['vitest.config.mjs'] = `export default { test: { include: ['${GRADER_FILE}'], testTimeout: ${exercise.meta.testTimeoutMs} } };\n`;
  for (const [path, text] of Object.entries(files)) {
    if (path.startsWith('grading/')) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function timed(args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(NODE, args, { cwd, encoding: 'utf8', env: cleanEnv({ NO_COLOR: '1' }) });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`bench: ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return ms;
}

/** `npm run grade -- <id> --solution` (as `node cli/grade.mjs`, without npm's own start-up) against bare Vitest. */
export function gradingLatency(id: string, runs = 5): { ours: number; bare: number; ratio: number } {
  const exercise = find(id);
  const bare = bareWorkspace(exercise);
  const ours: number[] = [];
  const plain: number[] = [];
  timed([VITEST, 'run'], bare); // warm the file system cache for both sides
  for (let i = 0; i < runs; i++) {
    ours.push(timed(['cli/grade.mjs', exercise.meta.id, '--solution', '--json'], PROJECT_ROOT));
    plain.push(timed([VITEST, 'run'], bare));
  }
  rmSync(bare, { recursive: true, force: true });
  return { ours: median(ours), bare: median(plain), ratio: median(ours) / median(plain) };
}

/** Wall-clock time until a solution that never yields gets its verdict. */
export async function timeToTimeoutVerdict(id: string): Promise<{ ms: number; limitMs: number; verdict: string }> {
  const exercise = find(id);
  const solution = readSubjectDir(exercise, join(exercise.dir, 'solution'));
  const [file] = exercise.meta.files;
  const looping = { ...solution, [file!]: `${solution[file!]}\nwhile (true) {}\n` };
  const started = performance.now();
  const report = await runGrader({ exercise, subject: looping, nodePath: NODE });
  return { ms: performance.now() - started, limitMs: exercise.meta.timeLimitMs, verdict: report.verdict };
}

/** Grades every reference, one after another, as `--all --solution` does. */
export async function gradeAllReferences(): Promise<{ totalMs: number; slowest: { id: string; ms: number }[]; failing: string[] }> {
  const results: { id: string; ms: number; verdict: string }[] = [];
  const started = performance.now();
  for (const exercise of listExercises()) {
    const t = performance.now();
    const report = await runGrader({ exercise, subject: readSubjectDir(exercise, join(exercise.dir, 'solution')), nodePath: NODE });
    results.push({ id: exercise.meta.id, ms: performance.now() - t, verdict: report.verdict });
  }
  return {
    totalMs: performance.now() - started,
    slowest: [...results].sort((a, b) => b.ms - a.ms).slice(0, 5).map(({ id, ms }) => ({ id, ms })),
    failing: results.filter((r) => r.verdict !== 'pass').map((r) => r.id),
  };
}
