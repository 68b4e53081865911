import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { withResources } from '#subject/resources.ts';
import { Resource, type Opener } from '#support/resources.ts';

// Every check reads one event log: resources write `open x` / `close x` (and `close x AGAIN` for a second
// close), the grader's openers and tasks write what they do. Time is fake and moved by the grader.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

interface Tracked {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
}

function track(promise: Promise<unknown>): Tracked {
  const t: Tracked = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (reason: unknown) => Object.assign(t, { state: 'rejected', reason }),
  );
  return t;
}

/** Calls withResources the way a caller would: it must return a promise, not throw. */
function run(what: string, start: () => Promise<unknown>): Tracked {
  let promise: unknown;
  expect(() => {
    promise = start();
  }, `${what} should return a promise, not throw`).not.toThrow();
  expect(promise, `what ${what} returned`).toBeInstanceOf(Promise);
  return track(promise as Promise<unknown>);
}

/** An opener that takes `ms` of fake time, then creates the resource (or fails). It ignores the signal. */
function opener(log: string[], name: string, ms = 10, fail?: Error): Opener {
  return () =>
    new Promise<Resource>((resolve, reject) => {
      setTimeout(() => {
        if (fail) {
          log.push(`failed to open ${name}`);
          reject(fail);
        } else resolve(new Resource(name, log));
      }, ms);
    });
}

/** A task that works for `ms` of fake time, then returns the names it got (or fails). */
function work(log: string[], ms: number, fail?: Error) {
  return (resources: Resource[]) => {
    log.push(`task got ${resources.map((r) => r.name).join(',')}`);
    return new Promise<string>((resolve, reject) => {
      setTimeout(() => {
        log.push(fail ? 'task failed' : 'task done');
        if (fail) reject(fail);
        else resolve('result');
      }, ms);
    });
  };
}

/** A task that runs until its signal aborts, then needs `stopMs` to wind down before it rejects. */
function untilAborted(log: string[], stopMs: number) {
  return (resources: Resource[], signal: AbortSignal) => {
    log.push(`task got ${resources.map((r) => r.name).join(',')}`);
    return new Promise<string>((_, reject) => {
      signal.addEventListener(
        'abort',
        () => {
          log.push('task stopping');
          setTimeout(() => {
            log.push('task stopped');
            reject(signal.reason);
          }, stopMs);
        },
        { once: true },
      );
    });
  };
}

const describeReason = (reason: unknown) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
const show = (log: string[]) => log.join(' | ');

/** What a promise rejected with, as text; "(a different error with the same text)" when it is not the very object expected. */
const sameReason = (actual: unknown, expected: unknown) =>
  actual === expected
    ? describeReason(expected)
    : describeReason(actual) === describeReason(expected)
      ? `${describeReason(actual)} (a different error with the same text, not the one expected)`
      : describeReason(actual);

/** The log so far, for a label. */
const soFar = (log: string[]) => (log.length ? `log: ${show(log)}` : 'nothing logged');

/**
 * A job's state as text. When it settled another way than expected, the text says with what: "rejected with
 * Error: ...", "resolved with ...". The text equals `expected` exactly when the state does.
 */
function stateOf(job: Tracked, expected: Tracked['state']): string {
  if (job.state === expected || job.state === 'pending') return job.state;
  return job.state === 'resolved' ? `resolved with ${JSON.stringify(job.value)}` : `rejected with ${describeReason(job.reason)}`;
}

/**
 * A close logged after "task got ..." and before the task's last entry ("task done", "task failed", "task
 * stopped"), or with the task not finished at all: the resources were closed under a running task.
 */
function closedDuringTask(log: string[]): string | undefined {
  const started = log.findIndex((e) => e.startsWith('task got'));
  if (started < 0) return undefined;
  const ended = log.findIndex((e, i) => i > started && ['task done', 'task failed', 'task stopped'].includes(e));
  const close = log.slice(started + 1, ended < 0 ? undefined : ended).find((e) => e.startsWith('close'));
  if (close === undefined) return undefined;
  return ended < 0
    ? `"${close}" came after "${log[started]}", while the task had not finished`
    : `"${close}" came before "${log[ended]}"`;
}

/** Compares a whole log, printed once. When resources were closed under the running task, the label says so first. */
function expectLog(log: string[], expected: string[], what: string): void {
  const early = closedDuringTask(expected) === undefined ? closedDuringTask(log) : undefined;
  const label = early ? `the resources were closed while the task was still running: ${early} (${what})` : what;
  expect(show(log) || '(nothing logged)', label).toBe(show(expected));
}

describe('1. Open in order, run the task, close in reverse', () => {
  test('opens one after another, runs the task, closes in reverse order, resolves with the result', async () => {
    const log: string[] = [];
    const job = run('withResources([db, cache, file], task)', () =>
      withResources([opener(log, 'db'), opener(log, 'cache'), opener(log, 'file')], work(log, 50)),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(
      stateOf(job, 'resolved'),
      `withResources([db, cache, file], task) 100 ms after the call; opening takes 30 ms, the task 50 (${soFar(log)})`,
    ).toBe('resolved');
    expect(job.value, 'what withResources resolved with').toBe('result');
    expectLog(
      log,
      ['open db', 'open cache', 'open file', 'task got db,cache,file', 'task done', 'close file', 'close cache', 'close db'],
      'the log of the whole run: open each in turn, run the task, close in reverse once it is done',
    );
  });

  test('waits for each opener before starting the next', async () => {
    const log: string[] = [];
    run('withResources([a, b], task)', () => withResources([opener(log, 'a', 30), opener(log, 'b', 30)], work(log, 10)));
    await vi.advanceTimersByTimeAsync(30);
    expectLog(log, ['open a'], 'the log after 30 ms: a is open, b has only just been asked for');
    await vi.advanceTimersByTimeAsync(30);
    expectLog(log, ['open a', 'open b', 'task got a,b'], 'the log after 60 ms');
  });

  test('closes nothing while the task is still running', async () => {
    const log: string[] = [];
    const job = run('withResources([a, b], task)', () => withResources([opener(log, 'a', 5), opener(log, 'b', 5)], work(log, 100)));
    await vi.advanceTimersByTimeAsync(60);
    expect(
      log.filter((e) => e.startsWith('close')),
      `closes done half-way through a 100 ms task (${soFar(log)}). ` +
        'A finally after `return task(...)` without await runs before the task has finished',
    ).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(stateOf(job, 'resolved'), 'the state once the task is done (at 110 ms)').toBe('resolved');
    expect(log.slice(-2), 'the last two log entries').toEqual(['close b', 'close a']);
  });
});

describe('2. Close everything when the task fails', () => {
  test('rejects with the task\'s error and closes every resource once, in reverse', async () => {
    const log: string[] = [];
    const boom = new Error('query failed');
    const job = run('withResources([db, file], failingTask)', () =>
      withResources([opener(log, 'db'), opener(log, 'file')], work(log, 20, boom)),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(stateOf(job, 'rejected'), `the state after the task failed (${soFar(log)})`).toBe('rejected');
    expect(sameReason(job.reason, boom), 'what it rejected with').toBe(describeReason(boom));
    expectLog(log, ['open db', 'open file', 'task got db,file', 'task failed', 'close file', 'close db'], 'the log when the task fails: every resource closed once, in reverse order ("AGAIN" marks a second close)');
  });

  test('closes each resource exactly once over several runs', async () => {
    const log: string[] = [];
    const ok = run('a run that succeeds', () => withResources([opener(log, 'x')], work(log, 5)));
    const bad = run('a run that fails', () => withResources([opener(log, 'y')], work(log, 5, new Error('no'))));
    await vi.advanceTimersByTimeAsync(50);
    expect([stateOf(ok, 'resolved'), stateOf(bad, 'rejected')], 'the states of a run that succeeds and one that fails').toEqual([
      'resolved',
      'rejected',
    ]);
    expect(show(log.filter((e) => e.startsWith('close')).sort()), `the closes across both runs (${soFar(log)})`).toBe('close x | close y');
  });
});

describe('3. Close what was opened when an opener fails', () => {
  test('closes the resources opened before the failure and rejects with the opener\'s error', async () => {
    const log: string[] = [];
    const refused = new Error('connection refused');
    let taskCalls = 0;
    const job = run('withResources([db, cache, broken, file], task)', () =>
      withResources([opener(log, 'db'), opener(log, 'cache'), opener(log, 'broken', 10, refused), opener(log, 'file')], async () => {
        taskCalls++;
        return 'should not run';
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(stateOf(job, 'rejected'), `the state after the third opener failed (${soFar(log)})`).toBe('rejected');
    expect(sameReason(job.reason, refused), 'what it rejected with').toBe(describeReason(refused));
    expect(taskCalls, 'how many times the task ran after an opener failed').toBe(0);
    expectLog(log, ['open db', 'open cache', 'failed to open broken', 'close cache', 'close db'], 'the log when the third opener fails: the two open resources closed in reverse, the fourth never opened');
  });

  test('a failing first opener leaves nothing to close', async () => {
    const log: string[] = [];
    const job = run('withResources([broken], task)', () => withResources([opener(log, 'broken', 5, new Error('nope'))], work(log, 5)));
    await vi.advanceTimersByTimeAsync(20);
    expect(stateOf(job, 'rejected'), 'the state after the only opener failed').toBe('rejected');
    expectLog(log, ['failed to open broken'], 'the log when the only opener fails');
  });
});

describe('4. Stop when the signal aborts', () => {
  test('an already aborted signal: rejects with its reason and opens nothing', async () => {
    const log: string[] = [];
    const reason = new Error('shutting down');
    let openerCalls = 0;
    const counting: Opener = (s) => {
      openerCalls++;
      return opener(log, 'db')(s);
    };
    const job = run('withResources([db], task, AbortSignal.abort(reason))', () =>
      withResources([counting], work(log, 5), AbortSignal.abort(reason)),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(stateOf(job, 'rejected'), 'the state with an already aborted signal').toBe('rejected');
    expect(sameReason(job.reason, reason), 'what it rejected with').toBe(describeReason(reason));
    expect(openerCalls, 'openers called with an already aborted signal').toBe(0);
  });

  test('passes the signal on: aborting the caller\'s signal aborts what every opener and the task got', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const seen: { who: string; signal: unknown }[] = [];
    const spy =
      (name: string): Opener =>
      (s) => {
        seen.push({ who: `opener ${name}`, signal: s });
        return opener(log, name)(s);
      };
    const task = untilAborted(log, 0);
    run('withResources([r1, r2], task, signal)', () =>
      withResources(
        [spy('r1'), spy('r2')],
        (resources, s) => {
          seen.push({ who: 'task', signal: s });
          return task(resources, s);
        },
        controller.signal,
      ),
    );
    const reason = new Error('shutting down');
    const states = () =>
      seen
        .map(({ who, signal }) => {
          if (!(signal instanceof AbortSignal)) return `${who}: got no AbortSignal`;
          if (!signal.aborted) return `${who}: not aborted`;
          return `${who}: ${signal.reason === reason ? "aborted with the caller's reason" : `aborted with ${describeReason(signal.reason)}`}`;
        })
        .join(' | ');
    await vi.advanceTimersByTimeAsync(50);
    expect(states(), `the signals the openers and the task got, while the task runs (${soFar(log)})`).toBe(
      'opener r1: not aborted | opener r2: not aborted | task: not aborted',
    );
    controller.abort(reason);
    expect(states(), 'the same signals, right after the caller\'s controller.abort(reason)').toBe(
      "opener r1: aborted with the caller's reason | opener r2: aborted with the caller's reason | task: aborted with the caller's reason",
    );
  });

  test('an abort while opening: stops opening, closes what is open (including the opener that finishes late)', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    let taskCalls = 0;
    const job = run('withResources([a, b, c], task, signal) aborted while b opens', () =>
      withResources(
        [opener(log, 'a', 10), opener(log, 'b', 40), opener(log, 'c', 10)],
        async () => {
          taskCalls++;
          return 'should not run';
        },
        controller.signal,
      ),
    );
    await vi.advanceTimersByTimeAsync(20); // a is open, b is on its way
    const reason = new Error('Ctrl+C');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(100);
    expect(stateOf(job, 'rejected'), `the state after the abort (${soFar(log)})`).toBe('rejected');
    expect(sameReason(job.reason, reason), 'what it rejected with').toBe(describeReason(reason));
    expect(taskCalls, 'how many times the task ran after an abort during opening').toBe(0);
    expectLog(log, ['open a', 'open b', 'close b', 'close a'], 'the log when the signal aborts while b is opening: b still arrives, then b and a are closed, c is never opened');
  });

  test('an abort during the task: closes everything only after the task has stopped', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const job = run('withResources([a, b], taskThatStopsOnAbort, signal)', () =>
      withResources([opener(log, 'a', 5), opener(log, 'b', 5)], untilAborted(log, 30), controller.signal),
    );
    await vi.advanceTimersByTimeAsync(50);
    const reason = new Error('SIGTERM');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(10);
    expect(
      log.filter((e) => e.startsWith('close')),
      `closes done while the task is still winding down (${soFar(log)}): it may still be using them`,
    ).toEqual([]);
    await vi.advanceTimersByTimeAsync(30);
    expect(stateOf(job, 'rejected'), 'the state after the task stopped').toBe('rejected');
    expect(sameReason(job.reason, reason), 'what it rejected with').toBe(describeReason(reason));
    expectLog(log, ['open a', 'open b', 'task got a,b', 'task stopping', 'task stopped', 'close b', 'close a'], 'the log of a run aborted during the task');
  });
});
