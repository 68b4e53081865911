// The grade command: argv -> context -> the step for the command. See messages.ts for every line it prints and
// context.ts for the flags; grade.ts is the entry point.
import { existsSync, readFileSync, statSync, watch } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseContext, UsageError, type Command, type Context, type Target } from './context.ts';
import { createMessages, keyOf, processWriters, type Messages, type Writers } from './messages.ts';
import { PROGRESS_FILE, displayPath, ensureWorkspace, workspaceDir } from './workspace.ts';
import { readProgress, recordHint, recordVerdict, statusOf, writeProgress } from './progress.ts';
import { ExerciseFormatError, listExercises, readSubjectDir, resolveExercise, type Exercise } from '../src/lib/exercises/load.ts';
import { firstFailingTask, hintList, nextHintIndex, seenHints, taskHeadings } from '../src/lib/exercises/tasks.ts';
import { runGrader } from '../src/lib/runner/run-grader.ts';
import { COURSE_MODULES } from '../src/lib/course/modules.ts';
import type { GradeReport } from '../src/lib/schemas/report.ts';
import type { FileMap } from '../src/lib/grading/workspace.ts';

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

export async function main(argv: string[], writers: Writers = processWriters()): Promise<number> {
  const say = createMessages(writers);
  let context: Context;
  try {
    context = parseContext(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      say.usage(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  if (context.json) say.jsonMode();
  let exercises: Exercise[];
  try {
    exercises = listExercises();
  } catch (error) {
    if (error instanceof ExerciseFormatError) {
      say.exerciseFormat(error.problems);
      return EXIT.fail;
    }
    throw error;
  }
  return run(context.command, { say, exercises, json: context.json });
}

interface Step {
  say: Messages;
  exercises: Exercise[];
  json: boolean;
}

async function run(command: Command, step: Step): Promise<number> {
  switch (command.kind) {
    case 'help':
      step.say.usage();
      return EXIT.pass;
    case 'list':
      return list(step);
    case 'all':
      return gradeAll(command.target, step);
    case 'hint': {
      const exercise = find(command.query, step);
      return exercise ? hint(exercise, step) : EXIT.usage;
    }
    case 'grade': {
      const exercise = find(command.query, step);
      if (!exercise) return EXIT.usage;
      return command.watch ? watchAndGrade(exercise, command.target, step) : gradeOnce(exercise, command.target, step);
    }
  }
}

function find(query: string, { say, exercises }: Step): Exercise | undefined {
  const found = resolveExercise(query, exercises);
  if (found.kind === 'found') return found.exercise;
  if (found.kind === 'ambiguous') say.ambiguousExercise(query, found.candidates.map((e) => e.meta.id));
  else say.unknownExercise(query, found.closest.map((e) => e.meta.id));
  return undefined;
}

/** The code to grade for a target, or a usage problem already reported. */
function subjectFor(exercise: Exercise, target: Target, say: Messages): { files: FileMap; what: string; editPath?: string } | undefined {
  const { meta } = exercise;
  switch (target.kind) {
    case 'solution':
      return { files: readSubjectDir(exercise, join(exercise.dir, 'solution')), what: 'the reference solution' };
    case 'starter':
      return { files: readSubjectDir(exercise, join(exercise.dir, 'starter')), what: 'the starter' };
    case 'workspace': {
      const created = ensureWorkspace(exercise);
      if (created.length) say.workspaceCreated(meta.id, created.map(displayPath));
      const dir = workspaceDir(exercise);
      const editPath = displayPath(meta.files.length === 1 ? join(dir, meta.files[0]!) : dir);
      return { files: readSubjectDir(exercise, dir), what: `your copy in ${displayPath(dir)}`, editPath };
    }
    case 'file': {
      const path = resolve(target.path);
      if (!existsSync(path) || !statSync(path).isFile()) {
        say.fileMissing(target.path);
        return undefined;
      }
      if (meta.files.length !== 1) {
        say.fileNeedsSingle(meta.id, meta.files);
        return undefined;
      }
      return { files: { [meta.files[0]!]: readFileSync(path, 'utf8') }, what: displayPath(path), editPath: displayPath(path) };
    }
    case 'dir': {
      const dir = resolve(target.path);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        say.fileMissing(target.path);
        return undefined;
      }
      const files = readSubjectDir(exercise, dir);
      const missing = meta.files.filter((f) => !(f in files));
      if (missing.length) {
        say.dirMissingFiles(target.path, missing);
        return undefined;
      }
      return { files, what: displayPath(dir), editPath: displayPath(dir) };
    }
  }
}

async function grade(exercise: Exercise, target: Target, say: Messages): Promise<GradeReport | undefined> {
  const subject = subjectFor(exercise, target, say);
  if (!subject) return undefined;
  say.gradingStarted(exercise.meta.id, subject.what);
  const shown = new Set<string>();
  const report = await runGrader({
    exercise,
    subject: subject.files,
    onProgress: (event) => {
      say.progress(event);
      if (event.type === 'end') shown.add(keyOf(event));
    },
  });
  const tasks = taskHeadings(readFileSync(join(exercise.dir, 'instructions.md'), 'utf8'));
  say.report(report, tasks, shown);
  if (target.kind === 'workspace') {
    const { progress, problem } = readProgress(PROGRESS_FILE);
    if (problem) say.progressProblem(problem);
    writeProgress(PROGRESS_FILE, recordVerdict(progress, exercise.meta.id, report.verdict, firstFailingTask(report.tests)));
  }
  say.nextStep(exercise.meta.id, report.verdict, subject.editPath);
  return report;
}

async function gradeOnce(exercise: Exercise, target: Target, step: Step): Promise<number> {
  const report = await grade(exercise, target, step.say);
  if (!report) return EXIT.usage;
  if (step.json) step.say.json(report);
  return report.verdict === 'pass' ? EXIT.pass : EXIT.fail;
}

async function gradeAll(target: Target, step: Step): Promise<number> {
  const reports: GradeReport[] = [];
  for (const exercise of step.exercises) {
    const report = await grade(exercise, target, step.say);
    if (report) reports.push(report);
  }
  step.say.summaryTable(
    reports.map((r) => ({
      id: r.exercise,
      verdict: r.verdict,
      passed: r.tests.filter((t) => t.status === 'pass').length,
      total: r.tests.length,
      durationMs: r.durationMs,
    })),
  );
  if (step.json) step.say.json(reports);
  return reports.length && reports.every((r) => r.verdict === 'pass') ? EXIT.pass : EXIT.fail;
}

function hint(exercise: Exercise, { say }: Step): number {
  const text = readFileSync(join(exercise.dir, 'hints.md'), 'utf8');
  const tasks = taskHeadings(text);
  const hints = hintList(text).map((h) => ({ task: tasks.find((t) => t.number === h.task), text: h.text }));
  const { progress, problem } = readProgress(PROGRESS_FILE);
  if (problem) say.progressProblem(problem);
  const record = progress.exercises[exercise.meta.id];
  const seen = seenHints(record);
  const index = nextHintIndex(hintList(text), seen, record?.failingTask);
  if (index === undefined) {
    say.noMoreHints(exercise.meta.id, hints.length);
    return EXIT.pass;
  }
  const next = hints[index]!;
  say.hint(exercise.meta.id, seen.length + 1, hints.length, next.task, next.text, next.task?.number === record?.failingTask);
  writeProgress(PROGRESS_FILE, recordHint(progress, exercise.meta.id, [...seen, index]));
  return EXIT.pass;
}

function list({ say, exercises }: Step): number {
  const { progress, problem } = readProgress(PROGRESS_FILE);
  if (problem) say.progressProblem(problem);
  say.list(
    COURSE_MODULES.map((m) => ({
      module: m.title,
      exercises: exercises
        .filter((e) => e.meta.module === m.slug)
        .map((e) => ({ id: e.meta.id, title: e.meta.title, difficulty: e.meta.difficulty, status: statusOf(progress, e.meta.id) })),
    })).filter((row) => row.exercises.length),
  );
  return EXIT.pass;
}

/** Grades now and again after every save, until Ctrl+C. Resolves only when the watcher is closed. */
async function watchAndGrade(exercise: Exercise, target: Target, step: Step): Promise<number> {
  const first = await grade(exercise, target, step.say);
  if (!first) return EXIT.usage;
  const watched =
    target.kind === 'file' ? [resolve(target.path)] : target.kind === 'dir' ? [resolve(target.path)] : [workspaceDir(exercise)];
  step.say.watching(watched.map(displayPath));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const names = new Set(exercise.meta.files);
  return new Promise<number>((done) => {
    const watchers = watched.map((path) =>
      watch(path, (_event, file) => {
        if (target.kind !== 'file' && file && !names.has(basename(String(file)))) return;
        clearTimeout(timer);
        // Editors save in bursts (write, rename, chmod): grade once the burst is over.
        timer = setTimeout(() => {
          running = running.then(async () => {
            step.say.clearScreen();
            await grade(exercise, target, step.say);
            step.say.watching(watched.map(displayPath));
          });
        }, 150);
      }),
    );
    const stop = () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
      void running.then(() => done(EXIT.pass));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
