// Grades several variants (of one exercise, or of several) in ONE Vitest process, for the
// project's own checks: starting Vitest costs more than most graders take to run, and the exercise tests grade
// hundreds of variants. Each variant keeps its own workspace folder (a Vitest project), its own forked worker
// (one at a time) and its own journal, so its report is built exactly as in a single run.
// When anything makes a variant's result uncertain (a variant that hangs, a crash of the batch, an error that
// cannot be placed), every variant is graded again on its own with runGrader: the batch may only be faster, never
// different. Learners never go through here: the CLI and the sandbox grade one variant at a time.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { GradeReport } from '../schemas/report.ts';
import { buildReport } from '../grading/report.ts';
import { parseJournalText, type JournalEvent } from '../grading/journal.ts';
import { HEARTBEAT_FILE, HEARTBEAT_MS, STARTUP_BUDGET_MS, Watchdog } from '../grading/watchdog.ts';
import type { FileMap } from '../grading/workspace.ts';
import { PROJECT_ROOT, type Exercise } from '../exercises/load.ts';
import { DEFAULT_TOOLCHAIN, runGrader, spawnVitest, workspaceFor, writeWorkspace } from './run-grader.ts';

export interface BatchVariant {
  label: string;
  files: FileMap;
  /** The exercise this variant belongs to, when a batch mixes exercises; otherwise the batch's own. */
  exercise?: Exercise;
}

export interface BatchResult {
  reports: GradeReport[];
  /** Why the batch's results were not used and every variant was graded alone; undefined when they were. */
  fellBack?: string | undefined;
}

export async function runGraderBatch(options: {
  exercise: Exercise;
  variants: BatchVariant[];
  nodePath?: string;
  /** Another Vitest and work folder, as in runGrader (the sandbox's toolchain). */
  toolchain?: { workRoot: string; vitestBin: string };
}): Promise<BatchResult> {
  const { exercise, variants } = options;
  const toolchain = options.toolchain ?? DEFAULT_TOOLCHAIN;
  const exerciseOf = (v: BatchVariant) => v.exercise ?? exercise;
  const limits = variants.map((v) => exerciseOf(v).meta.timeLimitMs);
  const dir = join(toolchain.workRoot, `${exercise.meta.id.replace('/', '--')}-batch-${randomUUID().slice(0, 8)}`);
  const journals = variants.map((v, i) => writeWorkspace(join(dir, `v${i}`), workspaceFor(exerciseOf(v), v.files)));
  const batchJournal = writeWorkspace(dir, {
    'package.json': JSON.stringify({ name: 'grading-batch', private: true, type: 'module' }),
    'grading/journal.ts': readFileSync(join(PROJECT_ROOT, 'src/lib/grading/journal.ts'), 'utf8'),
    'grading/in-vitest/batch-reporter.ts': readFileSync(join(PROJECT_ROOT, 'src/lib/grading/in-vitest/batch-reporter.ts'), 'utf8'),
    'vitest.config.mjs': batchConfig(variants.length),
  });

  // Every variant is watched by the rule of a single run from the moment its worker loads; the batch as a whole
  // may take the start-up budget plus every variant's limit.
  const stuck = watchVariants(journals, limits);
  const run = spawnVitest({
    cwd: dir,
    nodePath: options.nodePath,
    vitestBin: toolchain.vitestBin,
    limitMs: STARTUP_BUDGET_MS + limits.reduce((a, b) => a + b, 0),
    signal: stuck.signal,
  });
  const result = await run;
  stuck.stop();
  const events = journals.map(readJournal);
  const batchEvents = readJournal(batchJournal);
  rmSync(dir, { recursive: true, force: true });

  const fellBack = result.killed || stuck.hung
    ? 'a variant did not finish within the time limit'
    : result.exitCode !== 0 && result.exitCode !== 1
      ? `Vitest exited with code ${result.exitCode}`
      : batchEvents.some((e) => e.type === 'unhandled-error')
        ? 'an error outside the tests could not be placed'
        : !batchEvents.some((e) => e.type === 'done')
          ? 'the batch did not report its end'
          : events.some((e) => !e.some((x) => x.type === 'done'))
            ? 'a variant did not report its end'
            : undefined;
  if (fellBack) {
    const reports: GradeReport[] = [];
    for (const v of variants) reports.push(await runGrader({ exercise: exerciseOf(v), subject: v.files, toolchain, ...(options.nodePath ? { nodePath: options.nodePath } : {}) }));
    return { reports, fellBack };
  }
  const reports = events.map((e, i) =>
    buildReport(e, {
      exercise: exerciseOf(variants[i]!).meta.id,
      durationMs: result.durationMs / variants.length,
      killed: false,
      limitMs: limits[i]!,
      exitCode: result.exitCode,
      // What each variant printed is mixed in one process's output; its size is in its own journal.
      output: '',
      outputBytes: 0,
      workspaceDir: join(dir, `v${i}`),
    }),
  );
  return { reports };
}

function batchConfig(count: number): string {
  const projects = Array.from({ length: count }, (_, i) => ({ extends: `./v${i}/vitest.config.mjs`, root: `./v${i}`, test: { name: `v${i}` } }));
  const config = {
    test: {
      projects,
      reporters: ['./grading/in-vitest/batch-reporter.ts'],
      pool: 'forks',
      // One variant at a time, so variants do not compete with each other for the CPU.
      maxWorkers: 1,
      watch: false,
    },
  };
  return `// Generated for one batch of gradings.\nexport default ${JSON.stringify(config, null, 2)};\n`;
}

function readJournal(path: string): JournalEvent[] {
  return existsSync(path) ? parseJournalText(readFileSync(path, 'utf8')) : [];
}

/**
 * Applies the watchdog's rule (src/lib/grading/watchdog.ts) to each variant from the moment its worker loads (the
 * variants run one after another; the batch's own limit covers start-up), and aborts the batch when one expires.
 */
function watchVariants(journals: string[], limits: number[]) {
  const controller = new AbortController();
  const dogs = journals.map((_, i) => new Watchdog({ limitMs: limits[i]!, startupBudgetMs: Infinity }, performance.now()));
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const state = { hung: false, signal: controller.signal, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    journals.forEach((journal, i) => {
      const text = read(journal);
      if (text.includes('"type":"done"')) return;
      if (dogs[i]!.check(performance.now(), text, read(join(dirname(journal), HEARTBEAT_FILE)))) state.hung = true;
    });
    if (state.hung) {
      state.stop();
      controller.abort();
    }
  }, HEARTBEAT_MS / 2);
  return state;
}

/**
 * For the project's checks that grade every exercise: groups the exercises `size` at a time into one batch each
 * (fewer Vitest start-ups), runs a group when one of its exercises is first asked for, through `schedule` (a
 * limiter), and hands each exercise the reports of its own variants, in order.
 */
export function groupedGrader(options: {
  exercises: Exercise[];
  variants: (exercise: Exercise) => BatchVariant[];
  size: number;
  schedule: <T>(job: () => Promise<T>) => Promise<T>;
  nodePath?: string;
  toolchain?: { workRoot: string; vitestBin: string };
}): (exercise: Exercise) => Promise<BatchResult> {
  const groups: Exercise[][] = [];
  for (let i = 0; i < options.exercises.length; i += options.size) groups.push(options.exercises.slice(i, i + options.size));
  const running = new Map<number, Promise<Map<string, BatchResult>>>();
  const grade = (group: Exercise[]): Promise<Map<string, BatchResult>> =>
    options.schedule(async () => {
      const parts = group.map((exercise) => options.variants(exercise).map((v) => ({ ...v, exercise })));
      const { reports, fellBack } = await runGraderBatch({
        exercise: group[0]!,
        variants: parts.flat(),
        ...(options.nodePath ? { nodePath: options.nodePath } : {}),
        ...(options.toolchain ? { toolchain: options.toolchain } : {}),
      });
      const byExercise = new Map<string, BatchResult>();
      let at = 0;
      group.forEach((exercise, i) => {
        byExercise.set(exercise.meta.id, { reports: reports.slice(at, at + parts[i]!.length), fellBack });
        at += parts[i]!.length;
      });
      return byExercise;
    });
  return async (exercise) => {
    const index = groups.findIndex((g) => g.includes(exercise));
    if (index < 0) throw new Error(`groupedGrader: ${exercise.meta.id} is not one of the exercises`);
    if (!running.has(index)) running.set(index, grade(groups[index]!));
    return (await running.get(index)!).get(exercise.meta.id)!;
  };
}
