// Every line the CLI prints goes through here. With --json, stdout carries only the report; everything meant
// for a person goes to stderr. Tests pass their own writers and read what was said.
import type { GradeReport, TestResult } from '../src/lib/schemas/report.ts';
import type { TaskHeading } from '../src/lib/exercises/tasks.ts';
import type { ExerciseStatus } from './progress.ts';

export interface Writers {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
}

export function processWriters(): Writers {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;
type Style = keyof typeof CODES;

const MARK = { pass: '✓', fail: '✗', skip: '○' } as const;
const VERDICT_STYLE = { pass: 'green', fail: 'red', timeout: 'yellow', error: 'red' } as const;
const VERDICT_WORD = { pass: 'PASS', fail: 'FAIL', timeout: 'TIMEOUT', error: 'ERROR' } as const;

export const USAGE = `Usage: npm run grade -- <exercise> [options]

  <exercise>        an id like event-loop/predict-the-order, a unique slug, or a prefix
  (no option)       grade your copy in workspace/<exercise>/ (created from the starter on first use)
  --solution        grade the reference solution
  --starter         grade the starter code
  --file PATH       grade PATH as your code (exercises with one file)
  --dir PATH        grade the exercise's files found in the folder PATH
  --json            print the report as JSON on stdout, nothing else (use npm run -s grade -- ...)
  --watch           re-grade every time you save
  --hint            show the next hint you have not seen yet
  --list            list every exercise by module with your status
  --all             grade every exercise (with --solution: every reference) and print a summary

Exit code: 0 pass, 1 fail/timeout/error, 2 usage error.`;

export function createMessages(w: Writers) {
  const paint = (style: Style, text: string) => (w.color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
  // Lines for a person: stdout normally, stderr when stdout is reserved for JSON.
  let human = w.stdout;
  const say = (line = '') => human(line + '\n');
  const testLine = (t: { name: string; status: 'pass' | 'fail' | 'skip'; task?: number | undefined }) => {
    const style: Style = t.status === 'pass' ? 'green' : t.status === 'fail' ? 'red' : 'dim';
    return `  ${paint(style, MARK[t.status])} ${t.task ? `${t.task}. ` : ''}${t.name}`;
  };

  return {
    jsonMode() {
      human = w.stderr;
    },
    usage(problem?: string) {
      if (problem) w.stderr(`${paint('red', 'Error:')} ${problem}\n\n`);
      (problem ? w.stderr : w.stdout)(USAGE + '\n');
    },
    unknownExercise(query: string, closest: string[]) {
      w.stderr(`${paint('red', 'Error:')} no exercise matches "${query}".\n`);
      if (closest.length) w.stderr(`Closest matches:\n${closest.map((id) => `  ${id}`).join('\n')}\n`);
      w.stderr('npm run grade -- --list shows every exercise.\n');
    },
    ambiguousExercise(query: string, candidates: string[]) {
      w.stderr(`${paint('red', 'Error:')} "${query}" matches several exercises:\n${candidates.map((id) => `  ${id}`).join('\n')}\nGive more of the id.\n`);
    },
    exerciseFormat(problems: string[]) {
      w.stderr(`${paint('red', 'Error:')} an exercise is malformed:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    },
    fileMissing(path: string) {
      w.stderr(`${paint('red', 'Error:')} ${path} does not exist.\n`);
    },
    dirMissingFiles(dir: string, names: string[]) {
      w.stderr(`${paint('red', 'Error:')} ${dir} lacks ${names.join(', ')}, the file(s) this exercise grades.\n`);
    },
    fileNeedsSingle(id: string, files: string[]) {
      w.stderr(`${paint('red', 'Error:')} ${id} has several files (${files.join(', ')}); use --dir with a folder holding them.\n`);
    },
    progressProblem(problem: string) {
      w.stderr(`${paint('yellow', 'Note:')} ${problem}\n`);
    },
    workspaceCreated(id: string, files: string[]) {
      say(`Created your copy of ${paint('bold', id)} from the starter:`);
      for (const f of files) say(`  ${paint('cyan', f)}`);
      say(`Edit ${files.length > 1 ? 'these files' : 'it'}, then run ${paint('bold', `npm run grade -- ${id}`)} again. The tasks are in exercises/${id}/instructions.md.`);
      say();
    },
    gradingStarted(id: string, what: string) {
      say(`Grading ${paint('bold', id)} (${what})`);
    },
    progress(event: { type: 'start' | 'end'; name: string; task?: number | undefined; status?: 'pass' | 'fail' | 'skip' }) {
      if (event.type === 'end' && event.status) say(testLine({ name: event.name, task: event.task, status: event.status }));
    },
    report(report: GradeReport, tasks: TaskHeading[], alreadyShown: Set<string>) {
      if (report.notice) {
        say();
        say(paint('yellow', report.notice));
      }
      // Tests the live progress did not show (a hung test, load errors, cleanup checks) come first.
      for (const t of report.tests) if (!alreadyShown.has(keyOf(t))) say(testLine(t));
      const failed = report.tests.filter((t) => t.status === 'fail');
      if (failed.length) {
        say();
        for (const t of failed) {
          const task = tasks.find((h) => h.number === t.task);
          say(paint('red', `✗ ${task ? `Task ${task.number}. ${task.title}: ` : ''}${t.name}`));
          if (t.message) for (const line of t.message.split('\n')) say(`    ${line}`);
        }
      }
      if (report.output) {
        say();
        say(paint('dim', 'What your code printed (last lines):'));
        for (const line of report.output.split('\n').slice(-20)) say(paint('dim', `  | ${line}`));
      }
      const passed = report.tests.filter((t) => t.status === 'pass').length;
      say();
      say(`${paint(VERDICT_STYLE[report.verdict], paint('bold', VERDICT_WORD[report.verdict]))}  ${passed} of ${report.tests.length} tests passed in ${(report.durationMs / 1000).toFixed(1)} s`);
    },
    nextStep(id: string, verdict: GradeReport['verdict'], editPath: string | undefined) {
      if (verdict === 'pass') say(`Well done. ${paint('dim', 'npm run grade -- --list shows what is next.')}`);
      else if (verdict === 'error') say('This is a problem with the course, not with your code: please report it.');
      else say(`${editPath ? `Edit ${editPath} and grade again` : 'Fix the code and grade again'}; ${paint('bold', `npm run grade -- ${id} --hint`)} shows a hint.`);
    },
    json(value: unknown) {
      w.stdout(JSON.stringify(value, null, 2) + '\n');
    },
    hint(id: string, index: number, total: number, task: TaskHeading | undefined, text: string, forFailingTask = false) {
      const which = task ? `, task ${task.number}. ${task.title}${forFailingTask ? ' (the first task your last run failed)' : ''}` : '';
      say(`${paint('bold', `Hint ${index} of ${total}`)} for ${id}${which}:`);
      say(`  ${text}`);
      if (index < total) say(paint('dim', `Run the same command again for the next hint.`));
    },
    noMoreHints(id: string, total: number) {
      say(`You have seen all ${total} hints for ${id}. The reference solution is in exercises/${id}/solution/ when you want to compare.`);
    },
    list(rows: { module: string; exercises: { id: string; title: string; difficulty: string; status: ExerciseStatus }[] }[]) {
      const style = { 'not started': 'dim', attempted: 'yellow', passed: 'green' } as const;
      for (const row of rows) {
        say(paint('bold', row.module));
        for (const e of row.exercises) {
          say(`  ${paint(style[e.status], e.status.padEnd(11))}  ${e.id.padEnd(36)} ${e.title} ${paint('dim', `(${e.difficulty})`)}`);
        }
      }
      const all = rows.flatMap((r) => r.exercises);
      say();
      say(`${all.filter((e) => e.status === 'passed').length} of ${all.length} passed.`);
    },
    summaryTable(rows: { id: string; verdict: GradeReport['verdict']; passed: number; total: number; durationMs: number }[]) {
      say();
      say(paint('bold', `${'exercise'.padEnd(40)} ${'verdict'.padEnd(8)} ${'tests'.padEnd(7)} time`));
      for (const r of rows) {
        say(`${r.id.padEnd(40)} ${paint(VERDICT_STYLE[r.verdict], VERDICT_WORD[r.verdict].padEnd(8))} ${`${r.passed}/${r.total}`.padEnd(7)} ${(r.durationMs / 1000).toFixed(1)} s`);
      }
      const ok = rows.filter((r) => r.verdict === 'pass').length;
      say();
      say(`${ok} of ${rows.length} exercises pass.`);
    },
    watching(paths: string[]) {
      say(paint('dim', `Watching ${paths.join(', ')}: save to grade again, Ctrl+C to stop.`));
    },
    clearScreen() {
      if (w.color) human('\u001b[2J\u001b[H');
    },
  };
}

export type Messages = ReturnType<typeof createMessages>;

export const keyOf = (t: Pick<TestResult, 'name' | 'task'>): string => `${t.task ?? '-'}|${t.name}`;
