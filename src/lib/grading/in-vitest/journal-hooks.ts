// The half of the journal setup that does not depend on where the tests run: the per-test events, the starter's
// TODOs and the guarded built-ins. Node's worker (journal-setup.ts, appending to a file) and the browser runtime's
// Web Worker (src/lib/sandbox/browser-worker.ts, posting to the page) install it with their own `write`, so a test
// gets the same events, names and messages in both.
import { afterAll, beforeEach } from 'vitest';
import type { RunnerTask, RunnerTestSuite } from 'vitest';
import { describeUncaught, taskNumberOf, thrownFromCallback, type JournalEvent } from '../journal.ts';

export interface JournalHooksOptions {
  write: (event: JournalEvent) => void;
  /** The learner's files by name, read before any test runs: where the starter's TODOs are found. */
  subject: Record<string, string>;
  /** Built-ins to compare after the tests (taken before the learner's code was imported), by name. */
  guarded: Map<string, unknown>;
  /** Reads a guarded built-in now (a name may be a path such as `process.nextTick`). */
  current: (name: string) => unknown;
  /** Runs after the last test, once the replaced built-ins are written: output, leaked timers. */
  afterTests: () => void;
}

/** Built-ins that learner code must not replace: everything else in the process, the grader too, relies on them. */
export const GUARDED_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'Promise', 'structuredClone'] as const;

export function installJournalHooks(options: JournalHooksOptions): void {
  const { write } = options;
  const todos = findTodos(options.subject);
  let collected = false;

  beforeEach((context) => {
    if (!collected) {
      collected = true;
      write({ type: 'collected', tests: listTests(context.task.file) });
    }
    const id = context.task.id;
    write({ type: 'start', id });
    context.onTestFinished(({ task }) => {
      const state = task.result?.state;
      const errors = task.result?.errors ?? [];
      // An error a fake timer's callback threw surfaces in the test that moved the clock; say where it came from.
      const message =
        errors.map((e) => (thrownFromCallback(e) ? describeUncaught(e) : [e.message, e.diff].filter(Boolean).join('\n'))).join('\n\n') ||
        undefined;
      const timedOut = errors.some((e) => /^Test timed out in \d+ms/.test(e.message ?? ''));
      write({ type: 'end', id, status: state === 'pass' ? 'pass' : state === 'skip' ? 'skip' : 'fail', message, timedOut, todo: todoOf(todos, errors) });
    });
  });

  afterAll(() => {
    const replaced = [...options.guarded].filter(([name, original]) => options.current(name) !== original).map(([name]) => name);
    if (replaced.length) write({ type: 'replaced-globals', names: replaced });
    options.afterTests();
  });
}

type Todo = { text: string; fn?: string | undefined };

/**
 * A starter's functions throw `new Error('TODO: ...')`. When that is why a test failed (the error itself, or an
 * assertion that quotes it), the report says once that the function is not implemented yet. The TODO texts, and
 * the function each sits in, are read from the learner's files before any test runs.
 */
export function findTodos(subject: Record<string, string>): Todo[] {
  const found: Todo[] = [];
  for (const [name, source] of Object.entries(subject)) {
    if (!/\.[cm]?[tj]s$/.test(name)) continue;
    for (const match of source.matchAll(/(['"`])TODO: ((?:(?!\1)[^\\\n])+)\1/g)) {
      // The nearest function or method declared before the literal is the one that throws it.
      const before = source.slice(0, match.index);
      const heads = [...before.matchAll(/function\s*\*?\s*([A-Za-z_$][\w$]*)|^[ \t]*(?:(?:public|private|protected|static|async|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>\n]*>)?\(.*\)[^\n{]*\{[ \t]*$/gm)];
      const name = heads.at(-1)?.[1] ?? heads.at(-1)?.[2];
      const className = [...before.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)].at(-1)?.[1];
      const fn = name === 'constructor' ? `the ${className ?? 'class'} constructor` : name ? `${name}()` : undefined;
      found.push({ text: match[2]!, fn });
    }
  }
  return found;
}

/** A TODO's text as a pattern: a template literal's `${...}` parts stand for whatever they produced at run time. */
const todoPattern = (text: string): RegExp =>
  new RegExp(
    'TODO: ' +
      text
        .split(/\$\{[^}]*\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*?'),
  );

function todoOf(todos: Todo[], errors: readonly { message?: string; diff?: string }[]): Todo | undefined {
  for (const error of errors) {
    // The message may cut a quoted TODO short; the diff below it has it whole.
    const text = `${error.message ?? ''}\n${error.diff ?? ''}`;
    const hit = todos.find((t) => todoPattern(t.text).test(text));
    if (hit) return hit.text.includes('${') ? { ...hit, text: text.match(todoPattern(hit.text))![0].slice('TODO: '.length) } : hit;
  }
  return undefined;
}

function listTests(suite: RunnerTestSuite): { id: string; name: string; task?: number | undefined }[] {
  const out: { id: string; name: string; task?: number | undefined }[] = [];
  const visit = (task: RunnerTask, path: string[], topLevel: string | undefined): void => {
    if (task.type === 'suite') {
      const top = topLevel ?? task.name;
      for (const child of task.tasks) visit(child, topLevel === undefined ? [] : [...path, task.name], top);
    } else {
      out.push({ id: task.id, name: [...path, task.name].join(' › '), task: taskNumberOf(topLevel) });
    }
  };
  for (const task of suite.tasks) visit(task, [], undefined);
  return out;
}

/** How much of what the learner's code printed a report keeps. */
export const OUTPUT_TAIL_CHARS = 8000;
