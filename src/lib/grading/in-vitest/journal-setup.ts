// Runs inside the Vitest worker before the grader file is imported. Each event is appended synchronously:
// if the learner's code then blocks the event loop, what was written is already on disk.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach } from 'vitest';
import type { RunnerTask, RunnerTestSuite } from 'vitest';
import { describeUncaught, JOURNAL_FILE, serializeEvent, taskNumberOf, thrownFromCallback, type JournalEvent } from '../journal.ts';
import { HEARTBEAT_FILE, HEARTBEAT_MS } from '../watchdog.ts';

const journal = fileURLToPath(new URL(`../${JOURNAL_FILE}`, import.meta.url));
const write = (event: JournalEvent): void => appendFileSync(journal, serializeEvent(event));

write({ type: 'loaded' });

// The heartbeat tells the runner's watchdog (../watchdog.ts) whether this thread is free: it stops only while
// code holds the thread (an endless loop), not while the worker waits for the test tools to transform files.
const heartbeat = fileURLToPath(new URL(`../${HEARTBEAT_FILE}`, import.meta.url));
setInterval(() => appendFileSync(heartbeat, '.'), HEARTBEAT_MS).unref();

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
    write({ type: 'end', id, status: state === 'pass' ? 'pass' : state === 'skip' ? 'skip' : 'fail', message, timedOut, todo: todoOf(errors) });
  });
});

/**
 * A starter's functions throw `new Error('TODO: ...')`. When that is why a test failed (the error itself, or an
 * assertion that quotes it), the report says once that the function is not implemented yet. The TODO texts, and
 * the function each sits in, are read from the learner's files before any test runs.
 */
const todos = findTodos(fileURLToPath(new URL('../../subject/', import.meta.url)));

function findTodos(dir: string): { text: string; fn?: string | undefined }[] {
  const found: { text: string; fn?: string | undefined }[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /\.[cm]?[tj]s$/.test(n));
  } catch {
    return found;
  }
  for (const name of names) {
    const source = readFileSync(join(dir, name), 'utf8');
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

function todoOf(errors: readonly { message?: string; diff?: string }[]): { text: string; fn?: string | undefined } | undefined {
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

// Timers the learner's code leaves behind keep a real Node process alive; Vitest's worker would just be torn
// down and hide it. The global timer functions are wrapped to note every timer created from the learner's files
// (found by their path in the stack); after the last test, those still scheduled and ref'd are reported.
// (An async_hooks hook would see them too, but enabling one turns on promise tracking and slowed every run.)
interface TimerLike {
  hasRef?: () => boolean;
  _destroyed?: boolean;
  _repeat?: number | null;
  _idleTimeout?: number;
}
const learnerTimers = new Set<{ type: 'Timeout' | 'Immediate'; timer: TimerLike }>();

function calledFromLearnerCode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return /[\\/]subject[\\/]/.test(stack);
}

function tracked<F extends (...args: never[]) => unknown>(original: F, type: 'Timeout' | 'Immediate'): F {
  const wrapper = function (this: unknown, ...args: Parameters<F>) {
    const timer = original.apply(this, args);
    if (calledFromLearnerCode()) learnerTimers.add({ type, timer: timer as TimerLike });
    return timer;
  };
  // Keeps name, length and util.promisify.custom, so promisify(setTimeout) still works.
  Object.defineProperties(wrapper, Object.getOwnPropertyDescriptors(original));
  return wrapper as unknown as F;
}
globalThis.setTimeout = tracked(globalThis.setTimeout, 'Timeout');
globalThis.setInterval = tracked(globalThis.setInterval, 'Timeout');
globalThis.setImmediate = tracked(globalThis.setImmediate, 'Immediate');

// What the learner's code prints: with Vitest's console interception off, console.* ends up here. The report shows
// this tail rather than the process's whole output, which also holds what Vitest and child processes (a grader's
// own fixtures) wrote straight to the file descriptors.
let printed = 0;
let printedTail = '';
const TAIL_CHARS = 8000;
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    printed += typeof chunk === 'string' ? Buffer.byteLength(chunk) : ((chunk as Uint8Array)?.byteLength ?? 0);
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
    printedTail = (printedTail + text).slice(-TAIL_CHARS);
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

// Replacing a built-in breaks every other piece of code in the process; in the grader it can even make a
// wrong solution look right. Compare with the originals taken before the learner's code was imported.
const GUARDED_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'Promise', 'structuredClone'] as const;
const originalGlobals = new Map<string, unknown>(GUARDED_GLOBALS.map((name) => [name, globalThis[name]]));
const originalNextTick = process.nextTick;

afterAll(() => {
  const replaced = GUARDED_GLOBALS.filter((name) => globalThis[name] !== originalGlobals.get(name)).map(String);
  if (process.nextTick !== originalNextTick) replaced.push('process.nextTick');
  if (replaced.length) write({ type: 'replaced-globals', names: replaced });
  write({ type: 'output', bytes: printed, text: printedTail });
  const left = [...learnerTimers.values()].filter(({ timer }) => timer._destroyed !== true && timer.hasRef?.() !== false);
  if (!left.length) return;
  write({
    type: 'leaked-timers',
    timers: left.map(({ type, timer }) =>
      type === 'Immediate'
        ? 'a setImmediate callback'
        : timer._repeat
          ? `a setInterval every ${timer._repeat} ms`
          : `a setTimeout of ${timer._idleTimeout} ms`,
    ),
  });
});
