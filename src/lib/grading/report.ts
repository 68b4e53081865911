import type { GradeReport, TestResult, Verdict } from '../schemas/report.ts';
import { cleanMessage, tidyAssertion, type JournalEvent } from './journal.ts';
import type { Expiry } from './watchdog.ts';

/** What the process running the grader did, as seen from outside it. */
export interface RunFacts {
  exercise: string;
  durationMs: number;
  /** The watchdog killed the run. */
  killed: boolean;
  /** Why the watchdog killed it (see watchdog.ts); without it, a kill is taken as the time limit running out. */
  expiry?: Expiry | undefined;
  /** What the test tools were allowed for starting, on top of the limit. */
  startupBudgetMs?: number | undefined;
  limitMs: number;
  /** Exit code, or null when killed by a signal. */
  exitCode: number | null;
  /** Bounded tail of the process's stdout and stderr: the learner's prints and anything Vitest said. */
  output: string;
  /** How many bytes the process printed in all, of which `output` keeps only the tail. */
  outputBytes: number;
  /** The grading workspace's folder, stripped from messages so they show the learner's file names. */
  workspaceDir?: string;
}

const LOAD_TEST = 'Your code loads without errors';
const OUTSIDE_TEST = 'No errors thrown outside the tests';
const TIMERS_TEST = 'Leaves no timers running';
const FINISH_TEST = 'Lets the test run finish';
const GLOBALS_TEST = 'Leaves the built-in globals alone';
const QUIET_TEST = 'Keeps its output under 1 MB';
/** Past this much printed text a page or terminal struggles; a solution should not print in a hot loop. */
export const OUTPUT_LIMIT_BYTES = 1024 * 1024;

// Vitest's own text ends with advice for test authors ("pass a timeout value..."); learners need another.
function explainTimeout(message: string): string {
  const match = message.match(/^Test timed out in (\d+)ms\./);
  if (!match) return message;
  const s = Number(match[1]) / 1000;
  return `Did not finish within ${s} s. Is there a promise that never settles (a missing resolve or a forgotten return), or an await on something that never happens?`;
}

/** Turns the journal of one run into the report, whether the run finished, crashed or was killed. */
export function buildReport(events: JournalEvent[], facts: RunFacts): GradeReport {
  const clean = (text: string) => cleanMessage(text, facts.workspaceDir);
  // What the learner's code printed, as the worker saw it; the process's own output (which also holds Vitest's
  // and child processes' text) only when the run ended before the worker could say.
  const printedEvent = events.findLast((e): e is Extract<JournalEvent, { type: 'output' }> => e.type === 'output' && e.text !== undefined);
  const shownOutput = (printedEvent ? printedEvent.text! : facts.output).trim();
  const report = (verdict: Verdict, tests: TestResult[], notice?: string): GradeReport => ({
    exercise: facts.exercise,
    verdict,
    tests,
    durationMs: Math.round(facts.durationMs),
    ...(notice ? { notice } : {}),
    // The output is already a bounded tail; cleaning must not cut it again from the other end.
    ...(shownOutput ? { output: cleanMessage(shownOutput, facts.workspaceDir, Infinity) } : {}),
  });
  const seconds = `${Math.round(facts.limitMs / 100) / 10} s`;

  const loaded = events.some((e) => e.type === 'loaded');
  const done = events.some((e) => e.type === 'done');
  const moduleErrors = events.flatMap((e) => (e.type === 'module-error' ? [e.message] : []));
  const unhandled = events.flatMap((e) => (e.type === 'unhandled-error' ? [e.message] : []));

  const budget = `${Math.round((facts.startupBudgetMs ?? facts.limitMs) / 1000)} s`;
  if (!loaded && !done && moduleErrors.length === 0) {
    const why = !facts.killed
      ? `The test tools exited (code ${facts.exitCode}) before running the grader. This is a problem with the course, not with your code.`
      : facts.expiry === 'startup'
        ? `The test tools did not start within ${budget}: this machine was too slow or too busy. This is not your code: run the tests again, or close other programs first.`
        : `The test tools did not start within ${seconds}. This is a problem with the course, not with your code.`;
    return report('error', [{ name: 'The grader starts', status: 'fail', message: `${why}\n${clean(tail(facts.output, 1500))}`.trim() }]);
  }
  if (facts.expiry === 'load' && !done && moduleErrors.length === 0) {
    return report('error', [
      {
        name: 'The grader starts',
        status: 'fail',
        message: `The test tools took longer than ${seconds} + ${budget} to load the grader and your code, while your code was not running: this machine was too slow or too busy. Run the tests again. (If your file awaits, at its top level, something that never happens, that would look the same.)`,
      },
    ]);
  }

  const declared = events.flatMap((e) => (e.type === 'collected' ? e.tests : []));
  const started = new Set(events.flatMap((e) => (e.type === 'start' ? [e.id] : [])));
  const ended = new Map(events.flatMap((e) => (e.type === 'end' ? [[e.id, e] as const] : [])));
  const running = declared.find((t) => started.has(t.id) && !ended.has(t.id));

  const tests: TestResult[] = [];
  if (moduleErrors.length) {
    tests.push({ name: LOAD_TEST, status: 'fail', message: clean(moduleErrors.join('\n\n')) });
  } else if (!declared.length && !done) {
    // The learner's module never finished loading: an endless loop or crash at its top level.
    tests.push({
      name: LOAD_TEST,
      status: 'fail',
      message: facts.killed
        ? `While loading, your code kept the thread busy for ${seconds} without a break. Is there an endless loop at the top level of the file?`
        : `The test process stopped (exit code ${facts.exitCode}) while loading your code.`,
    });
  }
  // The starter's TODOs: said once, before the tests, instead of in every test that meets one.
  const todos = declared.flatMap((t) => {
    const end = ended.get(t.id);
    return end?.status === 'fail' && end.todo ? [{ test: t, todo: end.todo }] : [];
  });
  const firstTodo = todos[0];
  const firstFailedTask = declared.find((t) => t.task !== undefined && ended.get(t.id)?.status === 'fail')?.task;
  const notice = firstTodo
    ? `Not implemented yet: ${firstTodo.todo.fn ? `${firstTodo.todo.fn} still throws` : 'your code still throws'} the starter's "TODO: ${firstTodo.todo.text}".${firstFailedTask ? ` Start with task ${firstFailedTask}.` : ''}${new Set(todos.map((t) => t.todo.fn ?? t.todo.text)).size > 1 ? ' Other functions still throw their TODO too.' : ''}`
    : undefined;
  for (const test of declared) {
    const end = ended.get(test.id);
    const base = { name: test.name, ...(test.task === undefined ? {} : { task: test.task }) };
    if (end?.status === 'fail' && end.todo) {
      tests.push({ ...base, status: 'fail', message: `Not implemented yet: ${end.todo.fn ?? 'the code this test calls'} still throws its TODO.` });
    } else if (end) {
      const message = end.message ? clean(end.timedOut ? explainTimeout(end.message) : tidyAssertion(end.message)) : undefined;
      tests.push({ ...base, status: end.status, ...(message ? { message } : {}) });
    } else if (test === running) {
      tests.push({
        ...base,
        status: 'fail',
        message: facts.killed
          ? `Still running when the ${seconds} limit was reached: an endless loop (synchronous, or of microtasks), or work that keeps the process busy?`
          : `The test process stopped (exit code ${facts.exitCode}) while this test was running.`,
      });
    } else {
      const why = facts.killed ? 'Not run: an earlier test hung.' : running ? 'Not run: the test process stopped.' : undefined;
      tests.push({ ...base, status: 'skip', ...(why ? { message: why } : {}) });
    }
  }
  if (unhandled.length) tests.push({ name: OUTSIDE_TEST, status: 'fail', message: clean(unhandled.join('\n\n')) });
  const leaked = events.flatMap((e) => (e.type === 'leaked-timers' ? e.timers : []));
  if (leaked.length) {
    tests.push({
      name: TIMERS_TEST,
      status: 'fail',
      message: `After the last test, your code still had ${leaked.length === 1 ? 'a timer' : `${leaked.length} timers`} scheduled: ${leaked.join(', ')}. A real Node process would not exit while ${leaked.length === 1 ? 'it is' : 'they are'} pending. Clear ${leaked.length === 1 ? 'it' : 'them'} (clearInterval, clearTimeout) when the work is done.`,
    });
  }
  const replaced = events.flatMap((e) => (e.type === 'replaced-globals' ? e.names : []));
  if (replaced.length) {
    tests.push({
      name: GLOBALS_TEST,
      status: 'fail',
      message: `Your code replaced ${replaced.join(', ')}. Everything else in the process (the grader too) relies on the built-ins; keep your own version in a local variable or parameter instead.`,
    });
  }
  const printed = Math.max(facts.outputBytes, ...events.map((e) => (e.type === 'output' ? e.bytes : 0)));
  if (printed > OUTPUT_LIMIT_BYTES) {
    const mb = (printed / 1024 / 1024).toFixed(1);
    tests.push({
      name: QUIET_TEST,
      status: 'fail',
      message: `Your code printed ${mb} MB. Remove the console.log calls inside loops; only the last lines are kept below.`,
    });
  }
  const allEnded = declared.length > 0 && declared.every((t) => ended.has(t.id));
  if (facts.killed && allEnded && !done) {
    tests.push({
      name: FINISH_TEST,
      status: 'fail',
      message: `Every test finished, but your code kept the process busy until the ${seconds} limit: an endless chain of microtasks, or a loop started in the background?`,
    });
  }

  const hung = facts.killed && (running !== undefined || !declared.length || !done);
  const timedOut = events.some((e) => e.type === 'end' && e.timedOut);
  let verdict: Verdict;
  if (hung || timedOut) verdict = 'timeout';
  else if (tests.some((t) => t.status === 'fail')) verdict = 'fail';
  else if (!done) verdict = 'fail';
  else if (!tests.some((t) => t.status === 'pass')) verdict = 'error';
  else verdict = 'pass';

  if (verdict === 'fail' && !tests.some((t) => t.status === 'fail')) {
    tests.push({ name: 'The test run completes', status: 'fail', message: `The test process stopped early (exit code ${facts.exitCode}).` });
  }
  if (verdict === 'error') {
    tests.push({ name: 'The grader has tests', status: 'fail', message: 'The grader ran no test. This is a problem with the course, not with your code.' });
  }
  return report(verdict, tests, notice);
}

export function tail(text: string, max: number): string {
  return text.length > max ? '…' + text.slice(text.length - max) : text;
}

/** One test as a line for a terminal or an assertion message: `[fail] 2. name: first line of the message`. */
export function testLine(t: Pick<TestResult, 'status' | 'task' | 'name' | 'message'>): string {
  return `[${t.status}] ${t.task ?? '-'}. ${t.name}${t.message ? `: ${t.message.split('\n')[0]}` : ''}`;
}
