import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  afterAnAwait,
  insideIoCallback,
  microtasksBetweenTimers,
  nextTickInCommonjs,
  syncThenAsync,
} from '#subject/predictions.ts';

const execFileAsync = promisify(execFile);

/** Runs one program from support/ in a fresh Node process (the Node running this grader) and returns its lines. */
async function linesPrintedBy(program: string): Promise<string[]> {
  const path = fileURLToPath(new URL(`./subject/support/${program}`, import.meta.url));
  const { stdout } = await execFileAsync(process.execPath, [path], { encoding: 'utf8' });
  return stdout.split(/\r?\n/).filter((line) => line !== '');
}

// Each program runs three times per grading run, to catch an order that is not fixed.
const runs = new Map<string, Promise<string[][]>>();
function threeRuns(program: string): Promise<string[][]> {
  let pending = runs.get(program);
  if (!pending) {
    pending = Promise.all([linesPrintedBy(program), linesPrintedBy(program), linesPrintedBy(program)]);
    runs.set(program, pending);
  }
  return pending;
}

/** Says where a prediction first goes wrong, so the first line of a failure is already useful. */
function firstDifference(predicted: readonly string[], printed: readonly string[]): string {
  for (let i = 0; i < Math.max(predicted.length, printed.length); i++) {
    const mine = predicted[i];
    const real = printed[i];
    if (mine === real) continue;
    if (mine === undefined) return `your list ends after ${i} line(s), but Node printed ${printed.length}`;
    if (real === undefined) return `your list has ${predicted.length} lines, but Node printed only ${printed.length}`;
    return `at line ${i + 1} you predicted ${JSON.stringify(mine)}, Node printed ${JSON.stringify(real)}`;
  }
  return 'no difference';
}

function checkPrediction(program: string, exportName: string, predicted: unknown) {
  test('your prediction matches what Node prints', async () => {
    expect(
      Array.isArray(predicted) && predicted.every((line) => typeof line === 'string'),
      `predictions.ts must export ${exportName} as an array of strings`,
    ).toBe(true);
    const prediction = predicted as string[];
    expect(
      prediction.length,
      `predictions.ts exports an empty array for ${exportName}: list the lines ${program} prints, in the order you expect`,
    ).toBeGreaterThan(0);
    // The course only asks for orders Node guarantees; three runs that disagree would be the course's bug.
    const [printed = [], ...others] = await threeRuns(program);
    expect(printed.length, `${program} printed nothing: a problem with the course, please report it`).toBeGreaterThan(0);
    for (const other of others) {
      expect(other, `${program} printed a different order on another run: a problem with the course, please report it`).toEqual(printed);
    }
    expect(
      prediction,
      `your prediction for ${program} differs from what Node printed: ${firstDifference(prediction, printed)} ` +
        `(in the diff, Expected is what Node printed and Received is your array)`,
    ).toEqual(printed);
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
