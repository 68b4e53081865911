// Runs inside the Vitest worker before the grader file is imported. Each event is appended synchronously:
// if the learner's code then blocks the event loop, what was written is already on disk.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JOURNAL_FILE, serializeEvent, type JournalEvent } from '../journal.ts';
import { GUARDED_GLOBALS, installJournalHooks, OUTPUT_TAIL_CHARS } from './journal-hooks.ts';
import { HEARTBEAT_FILE, HEARTBEAT_MS } from '../watchdog.ts';

const journal = fileURLToPath(new URL(`../${JOURNAL_FILE}`, import.meta.url));
const write = (event: JournalEvent): void => appendFileSync(journal, serializeEvent(event));

write({ type: 'loaded' });

// The heartbeat tells the runner's watchdog (../watchdog.ts) whether this thread is free: it stops only while
// code holds the thread (an endless loop), not while the worker waits for the test tools to transform files.
const heartbeat = fileURLToPath(new URL(`../${HEARTBEAT_FILE}`, import.meta.url));
setInterval(() => appendFileSync(heartbeat, '.'), HEARTBEAT_MS).unref();

// The learner's files, read before any test runs, for the starter's TODOs (see journal-hooks.ts).
const subjectDir = fileURLToPath(new URL('../../subject/', import.meta.url));
const subject: Record<string, string> = {};
try {
  for (const name of readdirSync(subjectDir)) if (/\.[cm]?[tj]s$/.test(name)) subject[name] = readFileSync(join(subjectDir, name), 'utf8');
} catch {
  // No subject folder: nothing to look for.
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
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    printed += typeof chunk === 'string' ? Buffer.byteLength(chunk) : ((chunk as Uint8Array)?.byteLength ?? 0);
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
    printedTail = (printedTail + text).slice(-OUTPUT_TAIL_CHARS);
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

// Replacing a built-in breaks every other piece of code in the process; in the grader it can even make a
// wrong solution look right. Compare with the originals taken before the learner's code was imported.
const guarded = new Map<string, unknown>(GUARDED_GLOBALS.map((name) => [name, globalThis[name]]));
guarded.set('process.nextTick', process.nextTick);

installJournalHooks({
  write,
  subject,
  guarded,
  current: (name) => (name === 'process.nextTick' ? process.nextTick : globalThis[name as (typeof GUARDED_GLOBALS)[number]]),
  afterTests() {
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
  },
});
