import { describe, expect, test } from 'vitest';
import { EventEmitter } from 'node:events';
import { installCrashPolicy, runInBackground } from '#subject/crash-policy.ts';

// Unhandled rejections are real here: while a check runs, the test takes over the process's
// 'unhandledRejection' event (Vitest's own listener is put aside and restored afterwards), records what Node
// reports, and waits two turns of the event loop, by which time Node has reported every rejection that was left
// without a handler. The crash policy itself is tested on a fake process, so nothing really exits.

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `body` and returns the rejections Node reported as unhandled meanwhile. */
async function unhandledDuring(body: () => Promise<void> | void): Promise<unknown[]> {
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const reported: unknown[] = [];
  const record = (reason: unknown) => {
    reported.push(reason);
  };
  process.on('unhandledRejection', record);
  try {
    await body();
    await turn();
    await turn();
  } finally {
    process.off('unhandledRejection', record);
    for (const listener of saved) process.on('unhandledRejection', listener as (...args: unknown[]) => void);
  }
  return reported;
}

const describeAll = (reasons: unknown[]) => reasons.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r))).join(', ') || 'none';

interface Gate {
  promise: Promise<void>;
  open: () => void;
}
function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A stand-in for `process`: it records calls to exit() instead of exiting. */
class FakeProcess extends EventEmitter {
  exitCode: number | string | null | undefined = undefined;
  readonly exits: (number | undefined)[] = [];
  exit(code?: number): void {
    this.exits.push(code);
  }
}

function setUp(shutdown: () => Promise<void> = async () => {}) {
  const proc = new FakeProcess();
  const lines: string[] = [];
  let shutdowns = 0;
  const uninstall = installCrashPolicy(proc, {
    log: (line) => lines.push(line),
    shutdown: () => {
      shutdowns++;
      return shutdown();
    },
  });
  return { proc, lines, shutdowns: () => shutdowns, uninstall };
}

describe('1. Never leave a promise floating', () => {
  test('starts the task before returning', () => {
    let calls = 0;
    runInBackground(async () => {
      calls++;
    }, () => {});
    expect(calls, 'calls of task() by the time runInBackground returned').toBe(1);
  });

  test('a task that succeeds does not call onError', async () => {
    const errors: unknown[] = [];
    const unhandled = await unhandledDuring(() => runInBackground(async () => 'fine', (e) => errors.push(e)));
    expect(errors, 'errors passed to onError for a task that resolved').toEqual([]);
    expect(describeAll(unhandled), 'unhandled rejections').toBe('none');
  });

  test('a rejection after an await goes to onError, not unhandled', async () => {
    const errors: unknown[] = [];
    const boom = new Error('report upload failed');
    const g = gate();
    const unhandled = await unhandledDuring(async () => {
      runInBackground(
        async () => {
          await g.promise;
          throw boom;
        },
        (e) => errors.push(e),
      );
      g.open();
    });
    expect(describeAll(unhandled), 'rejections Node reported as unhandled (the task was started with runInBackground)').toBe('none');
    expect(errors, 'errors passed to onError').toEqual([boom]);
  });

  test('an already rejected promise goes to onError, not unhandled', async () => {
    const errors: unknown[] = [];
    const boom = new Error('cache refresh failed');
    const unhandled = await unhandledDuring(() => runInBackground(() => Promise.reject(boom), (e) => errors.push(e)));
    expect(describeAll(unhandled), 'rejections Node reported as unhandled for a task returning Promise.reject(...)').toBe('none');
    expect(errors, 'errors passed to onError').toEqual([boom]);
  });

  test('a task that throws before returning a promise goes to onError, and runInBackground does not throw', async () => {
    const errors: unknown[] = [];
    const boom = new Error('bad arguments');
    const task = (() => {
      throw boom;
    }) as () => Promise<unknown>;
    let thrown: unknown;
    const unhandled = await unhandledDuring(() => {
      try {
        runInBackground(task, (e) => errors.push(e));
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown, 'what runInBackground threw at its caller (it should throw nothing)').toBeUndefined();
    expect(describeAll(unhandled), 'unhandled rejections').toBe('none');
    expect(errors, 'errors passed to onError for a task that threw synchronously').toEqual([boom]);
  });
});

describe('2. Log, set the exit code and shut down once', () => {
  test('an unhandled rejection is logged with its stack, sets exitCode 1 and starts shutdown', async () => {
    const { proc, lines, shutdowns } = setUp();
    const boom = new Error('payment service unreachable');
    proc.emit('unhandledRejection', boom, Promise.resolve());
    await turn();
    expect(lines, "log lines after 'unhandledRejection' with an Error").toEqual([`unhandled rejection: ${boom.stack}`]);
    expect(proc.exitCode, 'proc.exitCode afterwards').toBe(1);
    expect(shutdowns(), 'calls of shutdown()').toBe(1);
  });

  test('an uncaught exception is logged with its stack the same way', async () => {
    const { proc, lines, shutdowns } = setUp();
    const boom = new TypeError("Cannot read properties of undefined (reading 'id')");
    proc.emit('uncaughtException', boom, 'uncaughtException');
    await turn();
    expect(lines, "log lines after 'uncaughtException'").toEqual([`uncaught exception: ${boom.stack}`]);
    expect(proc.exitCode, 'proc.exitCode afterwards').toBe(1);
    expect(shutdowns(), 'calls of shutdown()').toBe(1);
  });

  test('a reason that is not an Error is logged as a string', () => {
    const { proc, lines } = setUp();
    proc.emit('unhandledRejection', 'disk full', Promise.resolve());
    expect(lines, "log lines after 'unhandledRejection' with the string 'disk full'").toEqual(['unhandled rejection: disk full']);
  });

  test('does not end the process itself', async () => {
    const { proc } = setUp();
    proc.emit('unhandledRejection', new Error('lost'), Promise.resolve());
    proc.emit('uncaughtException', new Error('thrown'), 'uncaughtException');
    await turn();
    expect(
      proc.exits,
      'calls of proc.exit(): set proc.exitCode and let shutdown finish the in-flight work instead of exiting mid-flight',
    ).toEqual([]);
  });

  test('shutdown runs once, however many failures arrive', async () => {
    const { proc, lines, shutdowns } = setUp();
    proc.emit('unhandledRejection', new Error('one'), Promise.resolve());
    proc.emit('uncaughtException', new Error('two'), 'uncaughtException');
    proc.emit('unhandledRejection', new Error('three'), Promise.resolve());
    await turn();
    expect(lines.length, 'log lines after three failures: every failure is logged').toBe(3);
    expect(shutdowns(), 'calls of shutdown() after three failures').toBe(1);
  });

  test('a shutdown that fails is logged, not left as one more unhandled rejection', async () => {
    const closeFailed = new Error('could not close the database pool');
    let state: ReturnType<typeof setUp> | undefined;
    const unhandled = await unhandledDuring(() => {
      state = setUp(() => Promise.reject(closeFailed));
      state.proc.emit('unhandledRejection', new Error('first failure'), Promise.resolve());
    });
    expect(describeAll(unhandled), 'rejections Node reported as unhandled (the rejected promise shutdown() returned)').toBe('none');
    expect(state!.lines.at(-1), 'the last log line').toBe(`shutdown failed: ${closeFailed.stack}`);
    expect(state!.proc.exitCode, 'proc.exitCode').toBe(1);
  });
});

describe('3. Uninstall cleanly', () => {
  test('the returned function removes both listeners', () => {
    const { proc, lines, uninstall } = setUp();
    const counts = () => `${proc.listenerCount('unhandledRejection')} unhandledRejection, ${proc.listenerCount('uncaughtException')} uncaughtException`;
    expect(counts(), 'listeners while installed').toBe('1 unhandledRejection, 1 uncaughtException');
    uninstall();
    expect(counts(), 'listeners after uninstall()').toBe('0 unhandledRejection, 0 uncaughtException');
    proc.emit('unhandledRejection', new Error('after uninstall'), Promise.resolve());
    expect(lines, 'log lines for a failure after uninstall()').toEqual([]);
  });

  test("uninstall leaves other listeners alone", () => {
    const proc = new FakeProcess();
    const monitor = () => {};
    proc.on('unhandledRejection', monitor);
    proc.on('uncaughtException', monitor);
    const first: string[] = [];
    const second: string[] = [];
    const uninstallFirst = installCrashPolicy(proc, { log: (l) => first.push(l), shutdown: async () => {} });
    installCrashPolicy(proc, { log: (l) => second.push(l), shutdown: async () => {} });
    uninstallFirst();
    expect(proc.listeners('unhandledRejection').includes(monitor), "a monitoring listener added before the policy is still there after uninstall()").toBe(true);
    expect(proc.listeners('uncaughtException').includes(monitor), "the monitoring 'uncaughtException' listener is still there").toBe(true);
    proc.emit('unhandledRejection', 'late failure', Promise.resolve());
    expect({ first, second }, 'log lines of two policies after the first was uninstalled: only the second still logs').toEqual({
      first: [],
      second: ['unhandled rejection: late failure'],
    });
  });
});
