import { describe, expect, test } from 'vitest';
import {
  afterAnAwait,
  insideIoCallback,
  microtasksBetweenTimers,
  nextTickInCommonjs,
  syncThenAsync,
} from '#subject/predictions.ts';

// What each program in support/ prints, recorded from Node 20 and Node 24 (the course only asks for orders both
// print on every run). Grading compares with this record, never with the runtime that grades: an event loop that
// orders callbacks differently (WebContainer's has been reported to) must not fail a correct prediction.
// recorded from Node: begin (checked by tests/exercises/recorded-output.test.ts, rewritten by npm run record-output)
const NODE_PRINTS: Record<string, string[]> = {
  "after-an-await.cjs": [
    "job starts",
    "sync",
    "tick from script",
    "job resumed",
    "promise from job",
    "tick from job"
  ],
  "inside-io-callback.mjs": [
    "sync",
    "file read",
    "immediate",
    "timeout"
  ],
  "microtasks-between-timers.mjs": [
    "sync",
    "timeout 1",
    "timeout 1 done",
    "promise from timeout 1",
    "microtask from timeout 1",
    "timeout 2"
  ],
  "next-tick-in-commonjs.cjs": [
    "sync",
    "nextTick 1",
    "nextTick 2",
    "promise"
  ],
  "sync-then-async.mjs": [
    "sync 1",
    "sync 2",
    "sync 3",
    "promise",
    "microtask",
    "timeout"
  ]
};
// recorded from Node: end

// Why each line Node prints sits where it does. A miss is answered with its first wrong line and the reason for
// it, not with the whole output: the full order stays in the task's last hint (npm run grade -- ... --hint).
const WHY: Record<string, Record<string, string>> = {
  'sync-then-async.mjs': {
    'sync 1': 'the script runs to its end before any callback, so every synchronous line comes first',
    'sync 2': 'the script runs to its end before any callback, so every synchronous line comes first',
    'sync 3': 'the script runs to its end before any callback, so every synchronous line comes first',
    promise: 'when the script ends, Node empties the microtask queue, oldest first; .then callbacks and queueMicrotask share that one queue',
    microtask: '.then callbacks and queueMicrotask share one queue, first in first out',
    timeout: 'a timer waits for the timers phase of the event loop, after every microtask, even with a 0 ms delay',
  },
  'microtasks-between-timers.mjs': {
    sync: 'the script runs to its end before any callback',
    'timeout 1': 'the first timer runs once the script is done',
    'timeout 1 done': 'a callback runs to its end: what it queues waits until it returns',
    'promise from timeout 1': 'Node empties the microtask queue after each timer callback, before the next timer',
    'microtask from timeout 1': '.then callbacks and queueMicrotask share one queue, first in first out',
    'timeout 2': 'the second timer waits until the microtasks the first one queued have all run',
  },
  'next-tick-in-commonjs.cjs': {
    sync: 'the script runs to its end before any callback',
    'nextTick 1': 'when a CommonJS script returns, Node empties its nextTick queue before the promise reactions, whichever was scheduled first',
    'nextTick 2': 'a tick queued while Node empties the nextTick queue joins that same emptying, ahead of the promise',
    promise: 'the promise reaction runs once the nextTick queue is completely empty',
  },
  'inside-io-callback.mjs': {
    sync: 'the script runs to its end before any callback',
    'file read': 'the read callback runs on a later turn of the loop, in its poll phase',
    immediate: 'after the poll phase comes the check phase, where immediates run; the timers phase comes round only on the next turn',
    timeout: 'the timers phase comes round only on the loop\'s next turn, after the check phase',
  },
  'after-an-await.cjs': {
    'job starts': 'calling an async function runs its body at once, up to its first await',
    sync: 'at the await, job hands control back to the script, which runs to its end',
    'tick from script': 'when the CommonJS script returns, Node empties the nextTick queue before the microtasks',
    'job resumed': 'what follows an await runs as a microtask, after the nextTick queue is empty',
    'promise from job': 'code running as a microtask queues its .then onto the queue V8 is emptying right now, and V8 empties it before Node returns to its nextTick queue',
    'tick from job': 'a tick queued from inside a microtask waits until the microtask queue is empty',
  },
};

/** The first line where a prediction and Node part ways: the line number, both lines, and why Node's is there. */
function firstDifference(program: string, predicted: readonly string[], printed: readonly string[]) {
  for (let i = 0; i < Math.max(predicted.length, printed.length); i++) {
    const mine = predicted[i];
    const real = printed[i];
    if (mine === real) continue;
    const right = i === 0 ? 'Your first line is already off' : i === 1 ? 'Line 1 of your list is right' : `Lines 1-${i} of your list are right`;
    if (real === undefined) {
      return { mine: `line ${i + 1}: '${mine}'`, real: `line ${i + 1}: (nothing: Node printed ${printed.length} lines)`, why: `${right}; your list is longer than what Node printed` };
    }
    const why = WHY[program]?.[real];
    return {
      mine: `line ${i + 1}: ${mine === undefined ? '(your list ends here)' : `'${mine}'`}`,
      real: `line ${i + 1}: '${real}'`,
      why: `${right}. Node prints ${JSON.stringify(real)} at line ${i + 1}${why ? ` because ${why}` : ''}`,
    };
  }
  return undefined;
}

function checkPrediction(program: string, exportName: string, predicted: unknown) {
  test('your prediction matches what Node prints', () => {
    expect(
      Array.isArray(predicted) && predicted.every((line) => typeof line === 'string') ? 'an array of strings' : typeof predicted,
      `what predictions.ts exports as ${exportName}`,
    ).toBe('an array of strings');
    const prediction = predicted as string[];
    expect(
      prediction.length,
      `predictions.ts exports an empty array for ${exportName}: list the lines ${program} prints, in the order you expect`,
    ).toBeGreaterThan(0);
    const printed = NODE_PRINTS[program] ?? [];
    expect(printed.length, `lines recorded for ${program} in the grader (none: a problem with the course, please report it)`).toBeGreaterThan(0);
    const miss = firstDifference(program, prediction, printed);
    expect(
      miss?.mine ?? 'every line right',
      miss
        ? `the first line of your ${exportName} that differs from what ${program} prints. ${miss.why}. ` +
            'Fix this line and grade again; the hints of this task (--hint) end with the whole order'
        : '',
    ).toBe(miss?.real ?? 'every line right');
  });
}

describe('1. Synchronous code runs to completion first', () => {
  checkPrediction('sync-then-async.mjs', 'syncThenAsync', syncThenAsync);
});

describe('2. Microtasks queued by a timer', () => {
  checkPrediction('microtasks-between-timers.mjs', 'microtasksBetweenTimers', microtasksBetweenTimers);
});

describe('3. process.nextTick and promises in CommonJS', () => {
  checkPrediction('next-tick-in-commonjs.cjs', 'nextTickInCommonjs', nextTickInCommonjs);
});

describe('4. A timer and an immediate inside an I/O callback', () => {
  checkPrediction('inside-io-callback.mjs', 'insideIoCallback', insideIoCallback);
});

describe('5. A nextTick queued after an await', () => {
  checkPrediction('after-an-await.cjs', 'afterAnAwait', afterAnAwait);
});
