import { afterEach, chai, describe, expect, test, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { installCrashPolicy, runInBackground } from '#subject/crash-policy.ts';

// Unhandled rejections are real here: while a check runs, the test takes over the process's
// 'unhandledRejection' event (Vitest's own listener is put aside and restored afterwards), records what Node
// reports, and waits two turns of the event loop, by which time Node has reported every rejection that was left
// without a handler. The crash policy itself is tested on a fake process, so nothing really exits.

chai.config.truncateThreshold = 0;
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

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

interface ExitCall {
  code: number | undefined;
  /** Milliseconds since the fake process was made (virtual time where a test fakes Date). */
  at: number;
  /** Whether the promise shutdown() returned had settled when exit() was called. */
  afterShutdown: boolean;
}

/** A stand-in for `process`: it records calls to exit() instead of exiting. */
class FakeProcess extends EventEmitter {
  exitCode: number | string | null | undefined = undefined;
  readonly exits: ExitCall[] = [];
  shutdownSettled = false;
  private readonly born = Date.now();
  exit(code?: number): void {
    this.exits.push({ code, at: Date.now() - this.born, afterShutdown: this.shutdownSettled });
  }
}

const exitText = (e: ExitCall) => `exit(${e.code ?? ''})`;

/**
 * The exitCode, and any exit() called before the shutdown had finished. An exit() once the shutdown has finished
 * is fine (the process was about to end anyway); one before it cuts off the work in flight.
 */
function processState(proc: FakeProcess): string {
  const early = proc.exits.filter((e) => !e.afterShutdown);
  const exits = early.length ? early.map((e) => `${exitText(e)} was called at once, before shutdown() had finished`).join(', ') : 'no exit()';
  return `exitCode ${String(proc.exitCode)}, ${exits}`;
}

/** A log line as messages show it: the error's stack (many lines) is abbreviated. */
const shown = (line: string | undefined, error: Error) => line?.replace(error.stack!, `<the stack of ${error.name}: ${error.message}>`);

function setUp(shutdown: () => Promise<void> = async () => {}) {
  const proc = new FakeProcess();
  const lines: string[] = [];
  let shutdowns = 0;
  const uninstall = installCrashPolicy(proc, {
    log: (line) => lines.push(line),
    shutdown: () => {
      shutdowns++;
      // The policy gets a promise that settles like shutdown()'s, just after the flag is set; a rejection the
      // policy leaves unhandled is still reported as unhandled.
      return shutdown().finally(() => {
        proc.shutdownSettled = true;
      });
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
    expect(lines.map((line) => shown(line, boom)), "log lines after 'unhandledRejection' with an Error").toEqual([
      `unhandled rejection: <the stack of Error: ${boom.message}>`,
    ]);
    expect(processState(proc), 'the process afterwards: set proc.exitCode = 1 and let shutdown() finish the work in flight').toBe(
      'exitCode 1, no exit()',
    );
    expect(shutdowns(), 'calls of shutdown()').toBe(1);
  });

  test('an uncaught exception is logged with its stack the same way', async () => {
    const { proc, lines, shutdowns } = setUp();
    const boom = new TypeError("Cannot read properties of undefined (reading 'id')");
    proc.emit('uncaughtException', boom, 'uncaughtException');
    await turn();
    expect(lines.map((line) => shown(line, boom)), "log lines after 'uncaughtException'").toEqual([
      `uncaught exception: <the stack of TypeError: ${boom.message}>`,
    ]);
    expect(processState(proc), 'the process afterwards').toBe('exitCode 1, no exit()');
    expect(shutdowns(), 'calls of shutdown()').toBe(1);
  });

  test('a reason that is not an Error is logged as a string', () => {
    const { proc, lines } = setUp();
    proc.emit('unhandledRejection', 'disk full', Promise.resolve());
    expect(lines, "log lines after 'unhandledRejection' with the string 'disk full'").toEqual(['unhandled rejection: disk full']);
  });

  test('never exits at once; a fallback exit waits at least 1 s and does not keep the process alive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const started = vi.spyOn(globalThis, 'setTimeout');
    const { proc } = setUp(() => new Promise<void>(() => {})); // a shutdown that hangs
    proc.emit('unhandledRejection', new Error('lost'), Promise.resolve());
    proc.emit('uncaughtException', new Error('thrown'), 'uncaughtException');
    const exits = () => proc.exits.map((e) => `${exitText(e)} at ${e.at} ms`).join(', ') || 'none';
    await turn();
    await turn();
    await vi.advanceTimersByTimeAsync(999);
    expect(
      exits(),
      'calls of proc.exit() in the first 999 ms while shutdown() is still running: set proc.exitCode and let shutdown() finish the work in flight (a fallback exit waits a grace period of 1 s or more)',
    ).toBe('none');
    await vi.advanceTimersByTimeAsync(120_000);
    const successes = proc.exits.filter((e) => e.code === 0);
    expect(successes.map(exitText), 'fallback exits with code 0 after a crash (exit with 1, or with no argument once exitCode is 1)').toEqual([]);
    const refd = started.mock.calls.flatMap(([, delay], i) => {
      const timer = started.mock.results[i]?.value as { hasRef?: () => boolean } | undefined;
      return timer?.hasRef?.() === false ? [] : [`setTimeout(..., ${String(delay)}) not unref()ed`];
    });
    expect(refd, "timers the policy started: a fallback timer must be unref()ed, or it keeps alive a process whose shutdown finished").toEqual([]);
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
    expect(shown(state!.lines.at(-1), closeFailed), 'the last log line').toBe(`shutdown failed: <the stack of Error: ${closeFailed.message}>`);
    expect(processState(state!.proc), 'the process afterwards').toBe('exitCode 1, no exit()');
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
    const who = (event: string) => proc.listeners(event).map((l) => (l === monitor ? 'monitor' : 'a policy')).join(' + ') || 'nobody';
    expect(
      `unhandledRejection: ${who('unhandledRejection')}; uncaughtException: ${who('uncaughtException')}`,
      "who still listens after the first of two policies was uninstalled (a monitoring agent listened before both): remove only your own two listeners",
    ).toBe('unhandledRejection: monitor + a policy; uncaughtException: monitor + a policy');
    proc.emit('unhandledRejection', 'late failure', Promise.resolve());
    expect({ first, second }, 'log lines of two policies after the first was uninstalled: only the second still logs').toEqual({
      first: [],
      second: ['unhandled rejection: late failure'],
    });
  });
});
