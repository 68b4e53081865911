/**
 * The stress check: grade each exercise's correct solutions (the reference, and with `solutions: 'all'` every alt/)
 * many times in a row while other processes keep the
 * CPU busy. A grader that leans on wall-clock timing, scheduling luck or the number of cores fails here sooner or
 * later; one that uses virtual time, in-flight counters and event logs passes every run.
 * `npm run stress` (scripts/stress.ts) runs the full check; tests/exercises/stress.test.ts a lighter pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Exercise } from '../exercises/load.ts';
import { variantsOf, type Variant } from '../exercises/variants.ts';
import { runGrader } from './run-grader.ts';
import { runGraderBatch } from './run-batch.ts';
import { testLine } from '../grading/report.ts';
import type { NodeRuntime } from './node-binaries.ts';
import type { GradeReport } from '../schemas/report.ts';

export interface StressOptions {
  exercises: Exercise[];
  runtimes: NodeRuntime[];
  /** Gradings of each solution on each runtime. */
  runs: number;
  /** Which correct solutions: the reference only (the default), or the reference and every alt/. */
  solutions?: 'reference' | 'all';
  /** Gradings in flight at once (1 = strictly one after another). */
  concurrency?: number;
  /**
   * Grade up to this many runs in one Vitest process (runGraderBatch: each run still gets its own workspace and its
   * own forked worker, one at a time, under the same load and the same watchdog rule), or 1 for one Vitest per run.
   * Starting Vitest costs more than most graders take, so batches make the full check several times faster. A batch
   * that falls back to single gradings (a run that hung, a crash) counts as a failure, with the reason.
   */
  batchSize?: number;
  /** Called after every grading, for progress output. */
  onRun?: (run: StressRun) => void;
}

export interface StressRun {
  exercise: string;
  /** `solution` or `alt/<approach>`. */
  variant: string;
  runtime: string;
  /** 1-based index of this run for this exercise and runtime. */
  index: number;
  verdict: GradeReport['verdict'];
  durationMs: number;
  /** The tests that did not pass, with their first message line. */
  problems: string[];
}

export interface StressSummary {
  exercise: string;
  variant: string;
  runtime: string;
  passed: number;
  runs: number;
  slowestMs: number;
  medianMs: number;
  /** Each failed run's verdict and problems. */
  failures: StressRun[];
}

/** The correct solutions of an exercise that the check grades. */
function solutionsOf(exercise: Exercise, which: 'reference' | 'all'): Variant[] {
  return variantsOf(exercise).filter((v) => v.mustPass && (which === 'all' || v.label === 'solution'));
}

/** Grades every solution `runs` times on every runtime; resolves with one summary per solution and runtime. */
export async function stress(options: StressOptions): Promise<StressSummary[]> {
  const which = options.solutions ?? 'reference';
  const jobs: Job[] = [];
  // Interleave exercises so a slow one does not bunch up at the end and runs of one exercise meet varied load.
  for (let index = 1; index <= options.runs; index++) {
    for (const exercise of options.exercises) {
      for (const variant of solutionsOf(exercise, which)) for (const runtime of options.runtimes) jobs.push({ exercise, variant, runtime, index });
    }
  }
  const results: StressRun[] = [];
  const record = (job: Job, report: GradeReport, fellBack?: string) => {
    const run: StressRun = {
      exercise: job.exercise.meta.id,
      variant: job.variant.label,
      runtime: job.runtime.label,
      index: job.index,
      verdict: fellBack ? 'error' : report.verdict,
      durationMs: report.durationMs,
      problems: report.tests.filter((t) => t.status !== 'pass').map(testLine),
    };
    if (fellBack) run.problems.unshift(`its batch was graded again one run at a time (${fellBack}); this run then: ${report.verdict}`);
    if (report.verdict !== 'pass' && run.problems.length === 0 && report.output) run.problems.push(report.output.trim().split('\n').slice(-5).join('\n'));
    results.push(run);
    options.onRun?.(run);
  };
  // Batches hold runs of one exercise on one runtime, in the order of `jobs`.
  const size = Math.max(1, options.batchSize ?? 1);
  const groups = new Map<string, Job[][]>();
  for (const job of jobs) {
    const key = `${job.exercise.meta.id} ${job.runtime.path}`;
    const list = groups.get(key) ?? [];
    if (list.length === 0 || list.at(-1)!.length >= size) list.push([]);
    list.at(-1)!.push(job);
    groups.set(key, list);
  }
  const batches = size === 1 ? jobs.map((job) => [job]) : [...groups.values()].flat();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const first = batch[0]!;
      if (batch.length === 1) {
        record(first, await runGrader({ exercise: first.exercise, subject: first.variant.files, nodePath: first.runtime.path }));
        continue;
      }
      const { reports, fellBack } = await runGraderBatch({
        exercise: first.exercise,
        nodePath: first.runtime.path,
        variants: batch.map((job) => ({ label: `${job.variant.label} #${job.index}`, files: job.variant.files })),
      });
      batch.forEach((job, i) => record(job, reports[i]!, fellBack));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return summarise(results, options, which);
}

/** The label of the in-page pass's runs and summaries. */
export const IN_PAGE = 'chromium, in the page';

/**
 * The in-page pass: each exercise the page grades itself (sandbox payload's inPage), its correct solutions graded
 * `runs` times in a row by the browser runtime in headless Chromium, under the same CPU load as the Node passes.
 */
export async function stressInPage(options: Omit<StressOptions, 'runtimes' | 'concurrency' | 'batchSize'>): Promise<StressSummary[]> {
  const { sandboxPayload } = await import('../course/sandbox-payload.ts');
  const { gradeRequest } = await import('../sandbox/runtime.ts');
  const { startHarness } = await import('./in-page-harness.ts');
  const which = options.solutions ?? 'reference';
  const exercises = options.exercises.map((exercise) => ({ exercise, payload: sandboxPayload(exercise) })).filter((e) => e.payload.inPage);
  const harness = await startHarness();
  const results: StressRun[] = [];
  try {
    for (let index = 1; index <= options.runs; index++) {
      for (const { exercise, payload } of exercises) {
        for (const variant of solutionsOf(exercise, which)) {
          const { report, error } = await harness.grade(gradeRequest(payload, variant.files));
          const run: StressRun = {
            exercise: exercise.meta.id,
            variant: variant.label,
            runtime: IN_PAGE,
            index,
            verdict: report?.verdict ?? 'error',
            durationMs: report?.durationMs ?? 0,
            problems: report ? report.tests.filter((t) => t.status !== 'pass').map(testLine) : [`the page did not grade it: ${error?.message}`],
          };
          results.push(run);
          options.onRun?.(run);
        }
      }
    }
  } finally {
    await harness.close();
  }
  return summarise(results, { ...options, exercises: exercises.map((e) => e.exercise), runtimes: [{ label: IN_PAGE, path: '', major: 0 }] }, which);
}

interface Job {
  exercise: Exercise;
  variant: Variant;
  runtime: NodeRuntime;
  index: number;
}

function summarise(results: StressRun[], options: StressOptions, which: 'reference' | 'all'): StressSummary[] {
  const summaries: StressSummary[] = [];
  for (const exercise of options.exercises) {
    for (const { label } of solutionsOf(exercise, which)) for (const runtime of options.runtimes) {
      const mine = results.filter((r) => r.exercise === exercise.meta.id && r.variant === label && r.runtime === runtime.label);
      const times = mine.map((r) => r.durationMs).sort((a, b) => a - b);
      const failures = mine.filter((r) => r.verdict !== 'pass');
      summaries.push({
        exercise: exercise.meta.id,
        variant: label,
        runtime: runtime.label,
        passed: mine.length - failures.length,
        runs: mine.length,
        slowestMs: times.at(-1) ?? 0,
        medianMs: times[Math.floor(times.length / 2)] ?? 0,
        failures,
      });
    }
  }
  return summaries;
}

/**
 * Keeps `processes` CPU cores busy with endless loops in child processes (not threads of ours, so the loops do
 * not slow this process's own event loop). `stop()` kills them; they also exit if this process dies, since each
 * child watches its stdin and exits when the pipe closes.
 */
export function loadCpu(processes: number, nodePath = process.execPath): { pids: number[]; stop: () => Promise<void> } {
  const children: ChildProcess[] = [];
  const spin = "process.stdin.on('close', () => process.exit(0)); process.stdin.resume(); const spin = () => { const end = Date.now() + 50; while (Date.now() < end); setImmediate(spin); }; spin();";
  for (let i = 0; i < processes; i++) {
    children.push(spawn(nodePath, ['-e', spin], { stdio: ['pipe', 'ignore', 'ignore'] }));
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  };
  return { pids: children.flatMap((c) => (c.pid === undefined ? [] : [c.pid])), stop };
}
