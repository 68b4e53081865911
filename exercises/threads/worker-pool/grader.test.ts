import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Worker as RealWorker } from 'node:worker_threads';
import { createPool, type Pool } from '#subject/pool.ts';

/** The value itself, or `words` when it has the expected form: a failure then shows words, never a pattern. */
const inForm = (value: unknown, pattern: RegExp, words: string): unknown => (typeof value === 'string' && pattern.test(value) ? words : value);

// Two sources of events, no clock:
// - every Worker the learner's code creates is recorded (node:worker_threads is replaced by a copy whose Worker
//   notes each instance and when its 'exit' event fires);
// - support/task-worker.mjs broadcasts { event: 'start' | 'finish', id, thread } on a BroadcastChannel, and a
//   'wait' task replies only when the grader broadcasts { release: id }. So the grader decides when each task
//   ends, and reads which thread ran what.
interface Tracked {
  worker: RealWorker;
  exited: boolean;
  exit: Promise<number>;
}
const tracker = vi.hoisted(() => ({ workers: [] as Tracked[] }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class TrackedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      let markExited: (code: number) => void = () => {};
      const entry: Tracked = { worker: this, exited: false, exit: new Promise<number>((resolve) => (markExited = resolve)) };
      this.once('exit', (code) => {
        entry.exited = true;
        markExited(code);
      });
      tracker.workers.push(entry);
    }
  }
  return { ...real, Worker: TrackedWorker, default: { ...real, Worker: TrackedWorker } };
});

interface Task {
  id: string;
  op: 'square' | 'wait' | 'crash' | 'exit';
  value?: number;
}
interface WorkerEvent {
  event: 'start' | 'finish';
  id: string;
  thread: number;
}

const SCRIPT = new URL('./subject/support/task-worker.mjs', import.meta.url);
const channel = new BroadcastChannel('worker-pool-grader');
let log: WorkerEvent[] = [];
let listeners: (() => void)[] = [];
channel.onmessage = (message: MessageEvent) => {
  const event = message.data as WorkerEvent;
  // Only this test's tasks: a worker of an earlier test may have broadcast just before it was stopped.
  if (!String(event.id).startsWith(prefix)) return;
  log.push(event);
  for (const listener of [...listeners]) listener();
};
afterAll(() => channel.close());

// Task ids are unique across tests, so an event that a previous test's worker sent late is never mistaken.
let testNumber = 0;
let prefix = '';
beforeEach(() => {
  testNumber++;
  prefix = `t${testNumber}-`;
  log = [];
  listeners = [];
});
afterEach(async () => {
  // Whatever the pool did, no thread outlives its test (a pool may start replacements for the workers stopped
  // here, so look again a few times).
  for (let round = 0; round < 3 && tracker.workers.length > 0; round++) {
    await Promise.all(tracker.workers.splice(0).map((t) => t.worker.terminate()));
    await turns(3);
  }
  tracker.workers.length = 0;
});

const task = (name: string, op: Task['op'], value?: number): Task => (value === undefined ? { id: prefix + name, op } : { id: prefix + name, op, value });
const release = (name: string) => channel.postMessage({ release: prefix + name });
const started = () => log.filter((e) => e.event === 'start').map((e) => e.id.slice(prefix.length));

/** Waits for `promise`, failing with `message` if it is still pending after `ms` ms: a hang detector. */
async function within<T>(promise: Promise<T>, message: string, ms = 4000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once every named task has started (according to the worker's broadcasts). */
function whenStarted(names: string[], why: string): Promise<void> {
  const ready = () => names.every((n) => started().includes(n));
  const waiting = new Promise<void>((resolve) => {
    if (ready()) return resolve();
    const listener = () => {
      if (!ready()) return;
      listeners = listeners.filter((l) => l !== listener);
      resolve();
    };
    listeners.push(listener);
  });
  return within(waiting, `tasks ${names.join(', ')} never all started (${why}); started: ${started().join(', ') || 'none'}`);
}

/** Workers created so far that have not sent 'exit'. */
const liveWorkers = () => tracker.workers.filter((t) => !t.exited).length;

/** The whole numbers in a text, so that an exit code is compared exactly ('12' does not name code 2). */
const numbersIn = (text: string): string[] => text.match(/\d+/g) ?? [];

/** Lets the event loop go round `n` times. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface State {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
}
function track(promise: Promise<unknown>): State {
  const s: State = { state: 'pending' };
  promise.then(
    (value) => Object.assign(s, { state: 'resolved', value }),
    (reason: unknown) => Object.assign(s, { state: 'rejected', reason }),
  );
  return s;
}
const describeState = (s: State) =>
  s.state === 'pending'
    ? 'still pending'
    : s.state === 'resolved'
      ? `resolved with ${JSON.stringify(s.value)}`
      : `rejected with ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`;

/** Waits until the promise settles (a hang fails with `what`) and describes how. */
async function outcome(promise: Promise<unknown>, what: string): Promise<string> {
  const s = track(promise);
  await within(
    promise.then(
      () => {},
      () => {},
    ),
    `${what} never settled`,
  );
  return describeState(s);
}

function newPool(maxWorkers: number): Pool<Task, unknown> {
  let pool: Pool<Task, unknown> | undefined;
  expect(() => {
    pool = createPool<Task, unknown>(SCRIPT, { maxWorkers });
  }, `createPool(task-worker.mjs, { maxWorkers: ${maxWorkers} }) should not throw`).not.toThrow();
  return pool!;
}

/** pool.submit as a caller uses it: it must return a promise (marked handled here; tests read it later). */
function submit(pool: Pool<Task, unknown>, t: Task): Promise<unknown> {
  let promise: Promise<unknown> | undefined;
  expect(() => {
    promise = pool.submit(t);
  }, `pool.submit(${JSON.stringify(t)}) should return a promise, not throw`).not.toThrow();
  expect(promise, `what pool.submit(${JSON.stringify(t)}) returned`).toBeInstanceOf(Promise);
  promise!.catch(() => {});
  return promise!;
}

/** The largest number of tasks a single thread had started but not finished, over the whole log. */
function maxInFlightPerThread(): { max: number; thread?: number } {
  const open = new Map<number, number>();
  let worst = { max: 0 } as { max: number; thread?: number };
  for (const e of log) {
    const n = (open.get(e.thread) ?? 0) + (e.event === 'start' ? 1 : -1);
    open.set(e.thread, n);
    if (n > worst.max) worst = { max: n, thread: e.thread };
  }
  return worst;
}

describe('1. Run tasks on worker threads', () => {
  test('submit resolves with the reply of the worker that ran the task', async () => {
    const pool = newPool(2);
    expect(await outcome(submit(pool, task('a', 'square', 7)), "submit(square 7)"), "submit({ op: 'square', value: 7 })").toBe('resolved with 49');
  });

  test('every task of a batch gets its own result', async () => {
    const pool = newPool(2);
    const results = [1, 2, 3, 4, 5, 6].map((n) => submit(pool, task(`sq${n}`, 'square', n)));
    const got = await within(Promise.all(results), 'the six square tasks did not all settle');
    expect(got, "results of submit({ op: 'square', value: n }) for n = 1..6").toEqual([1, 4, 9, 16, 25, 36]);
  });

  test('createPool throws a RangeError when maxWorkers is not a positive integer', () => {
    for (const bad of [0, -1, 1.5]) {
      expect(() => createPool(SCRIPT, { maxWorkers: bad }), `createPool(script, { maxWorkers: ${bad} })`).toThrow(RangeError);
    }
  });
});

describe('2. Run at most maxWorkers tasks at once, first come first served', () => {
  test('with maxWorkers 2, five waiting tasks run two at a time, one per worker, in submission order', async () => {
    const pool = newPool(2);
    const names = ['A', 'B', 'C', 'D', 'E'];
    const results = names.map((n) => submit(pool, task(n, 'wait')));
    await whenStarted(['A', 'B'], 'the first two tasks of a pool with maxWorkers 2 should start at once');
    expect(tracker.workers.length, 'workers created for 5 tasks with maxWorkers 2').toBeLessThanOrEqual(2);
    // Release one task at a time; each time, the oldest waiting task takes the freed worker.
    release('A');
    await whenStarted(['C'], 'C is next in line once A has finished');
    release('B');
    await whenStarted(['D'], 'D is next in line once B has finished');
    release('C');
    await whenStarted(['E'], 'E is next in line once C has finished');
    release('D');
    release('E');
    const got = await within(Promise.all(results), 'the five tasks did not all settle after being released');
    expect(got, 'results of the five wait tasks').toEqual(names.map((n) => `${prefix}${n} done`));
    expect(tracker.workers.length, 'workers created for 5 tasks with maxWorkers 2').toBeLessThanOrEqual(2);
    const worst = maxInFlightPerThread();
    expect(
      worst.max,
      `the most tasks one worker thread (thread ${worst.thread}) was running at the same time (log: ${log.map((e) => `${e.event} ${e.id.slice(prefix.length)}@${e.thread}`).join(', ')}). ` +
        'Send a worker its next task only after it has replied to the last one',
    ).toBe(1);
  });

  test('with maxWorkers 1, tasks start in the order they were submitted', async () => {
    const pool = newPool(1);
    const names = ['P', 'Q', 'R', 'S'];
    const results = names.map((n) => submit(pool, task(n, 'wait')));
    for (let i = 0; i < names.length; i++) {
      await whenStarted([names[i]!], `${names[i]} is next in line`);
      expect(started(), `tasks started so far, with maxWorkers 1 and ${names.slice(0, i).join(', ') || 'nothing'} finished`).toEqual(names.slice(0, i + 1));
      release(names[i]!);
      await within(results[i]!, `task ${names[i]} did not settle after being released`);
    }
  });

  test('with maxWorkers 3, three tasks really run at the same time', async () => {
    const pool = newPool(3);
    const results = ['X', 'Y', 'Z'].map((n) => submit(pool, task(n, 'wait')));
    await whenStarted(['X', 'Y', 'Z'], 'with maxWorkers 3, three tasks should run at once while none has finished');
    for (const n of ['X', 'Y', 'Z']) release(n);
    await within(Promise.all(results), 'the three tasks did not all settle after being released');
  });
});

describe('3. Reuse the workers', () => {
  test('eight tasks on a pool of two use no more than two workers', async () => {
    const pool = newPool(2);
    const results = Array.from({ length: 8 }, (_, i) => submit(pool, task(`r${i}`, 'square', i)));
    await within(Promise.all(results), 'the eight square tasks did not all settle');
    expect(
      tracker.workers.length,
      'workers created for 8 tasks with maxWorkers 2: a pool keeps its threads and sends them the next task, because starting a thread costs far more than a message',
    ).toBeLessThanOrEqual(2);
    expect(new Set(log.map((e) => e.thread)).size, 'different threads that ran the eight tasks').toBeLessThanOrEqual(2);
  });

  test('tasks submitted one after another reuse the same workers', async () => {
    const pool = newPool(2);
    for (let i = 0; i < 4; i++) await within(submit(pool, task(`s${i}`, 'square', i)), `task s${i} did not settle`);
    expect(tracker.workers.length, 'workers created for 4 tasks submitted one after the other, with maxWorkers 2').toBeLessThanOrEqual(2);
  });
});

describe('4. Survive a crashing worker', () => {
  test('a crash rejects only its own task; a replacement worker runs the rest while other tasks go on', async () => {
    const pool = newPool(2);
    const a = submit(pool, task('A', 'wait'));
    const b = submit(pool, task('B', 'crash'));
    const c = submit(pool, task('C', 'square', 3));
    const d = submit(pool, task('D', 'square', 4));
    expect(await outcome(b, 'the crashing task B'), "submit({ op: 'crash' }): the worker's error").toBe(`rejected with task ${prefix}B crashed its worker`);
    // B's worker sends 'exit' right after 'error'. A few loop turns after it, a pool that replaces dead workers
    // has started a new one for C and D (checked here, so that a pool that never does fails at once).
    await within(Promise.race(tracker.workers.map((t) => t.exit)), "the worker that ran B never sent 'exit' after crashing");
    await turns(5);
    expect(
      liveWorkers(),
      "live workers a few loop turns after B's worker crashed, with A still running and C, D queued (maxWorkers 2). " +
        "When a worker exits, start a new one in its place: the dead one no longer counts towards maxWorkers",
    ).toBe(2);
    expect(
      await outcome(c, 'task C, queued behind a crash (A still holds the other worker)'),
      'task C after the worker running B crashed: replace the dead worker',
    ).toBe('resolved with 9');
    expect(await outcome(d, 'task D, queued behind a crash'), 'task D after the crash').toBe('resolved with 16');
    // Release A only once its worker has really started it (a release that arrives earlier is not seen).
    await whenStarted(['A'], 'A runs on the other worker');
    expect(describeState(track(a)), 'task A, running on the other worker, untouched by the crash').toBe('still pending');
    release('A');
    expect(await outcome(a, 'task A after release'), 'task A after release').toBe(`resolved with "${prefix}A done"`);
    expect(tracker.workers.length, 'workers created: two, plus one replacement for the crashed one').toBeLessThanOrEqual(3);
  });

  test('a worker that exits without replying rejects its task with the exit code, and the pool goes on', async () => {
    const pool = newPool(1);
    const e = submit(pool, task('E', 'exit'));
    const f = submit(pool, task('F', 'square', 5));
    const got = await outcome(e, 'task E, whose worker exits with code 2');
    expect(inForm(got, /^rejected with /, 'rejected (with an error)'), "submit({ op: 'exit' }): its worker exited with code 2 without replying; listen for 'exit'").toBe('rejected (with an error)');
    const numbers = numbersIn(got.replaceAll(prefix, '')); // the task's id holds the test's number
    expect(
      numbers.includes('2') ? 'names exit code 2' : `names ${numbers.join(', ') || 'no number'}`,
      `the exit code in the error of the task whose worker exited with code 2 (${got})`,
    ).toBe('names exit code 2');
    await turns(5);
    expect(
      liveWorkers(),
      "live workers a few loop turns after the only worker exited with F queued (maxWorkers 1): start a new one in its place",
    ).toBe(1);
    expect(await outcome(f, 'task F, queued behind the worker that exited (maxWorkers 1)'), 'task F after the only worker exited').toBe('resolved with 25');
  });
});

describe('5. Close the pool', () => {
  test('close() lets running and queued tasks finish, refuses new ones, then terminates every worker', async () => {
    const pool = newPool(2);
    const results = ['A', 'B', 'C'].map((n) => submit(pool, task(n, 'wait')));
    await whenStarted(['A', 'B'], 'two tasks should run at once with maxWorkers 2');
    let closePromise: Promise<void> | undefined;
    expect(() => {
      closePromise = pool.close();
    }, 'pool.close() should return a promise, not throw').not.toThrow();
    const closing = track(closePromise!);
    let allExitedWhenClosed: boolean | undefined;
    const closed = closePromise!.then(() => {
      allExitedWhenClosed = tracker.workers.every((t) => t.exited);
    });
    expect(inForm(await outcome(submit(pool, task('D', 'square', 2)), 'submit after close()'), /^rejected with /, 'rejected (with an error)'), 'submit() after close()').toBe('rejected (with an error)');
    await turns(5);
    expect(describeState(closing), 'close() while A and B are running and C is queued: it must wait until they have all finished').toBe('still pending');
    release('A');
    expect(await outcome(results[0]!, 'task A, running when close() was called'), 'task A, running when close() was called').toBe(`resolved with "${prefix}A done"`);
    await whenStarted(['C'], 'C was queued before close(): it must still run');
    release('B');
    release('C');
    const got = await Promise.all(results.map((r, i) => outcome(r, `task ${'ABC'[i]}`)));
    expect(got, 'tasks A, B (running) and C (queued) when close() was called').toEqual(['A', 'B', 'C'].map((n) => `resolved with "${prefix}${n} done"`));
    await within(closed, 'close() did not resolve after every task had finished');
    expect(allExitedWhenClosed, "whether every worker had exited when close() resolved: await each worker's terminate()").toBe(true);
  });

  test('close() on an idle pool terminates its workers', async () => {
    const pool = newPool(2);
    await within(submit(pool, task('one', 'square', 1)), 'a square task did not settle');
    await within(pool.close(), 'close() on an idle pool did not resolve');
    expect(tracker.workers.filter((t) => !t.exited).length, 'workers still running after close() resolved').toBe(0);
  });
});
