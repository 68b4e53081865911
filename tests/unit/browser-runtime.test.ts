// The in-page runtime's page side (src/lib/sandbox/browser-runtime.ts) against a fake worker: the watchdog ends a
// run whose worker stops beating, a fresh worker serves every run, code that needs Node is handed back before any
// worker is used, a cancelled run ends its worker, and a worker that fails to load is reported as the tools' fault.
import { expect, test } from 'vitest';
import { createBrowserRuntime, type WorkerLike } from '../../src/lib/sandbox/browser-runtime.ts';
import type { FromWorker, GradeMessage } from '../../src/lib/sandbox/browser-protocol.ts';
import { RuntimeUnavailable, type GradeRequest } from '../../src/lib/sandbox/runtime.ts';

const request = (code = 'export const x = 1;', timeLimitMs = 300): GradeRequest => ({
  exercise: { id: 'demo/fake', files: ['x.ts'], timeLimitMs, testTimeoutMs: 100, threadFiles: [] },
  grader: "import { test } from 'vitest';",
  support: { 'clock.ts': 'export {};' },
  subject: { 'x.ts': code },
});

/** A fake worker: says it is ready, then plays `script` when asked to grade. */
class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = [];
  terminated = false;
  received: GradeMessage[] = [];
  #message: ((event: { data: FromWorker }) => void)[] = [];
  #error: ((event: { message?: string }) => void)[] = [];
  readonly script: (worker: FakeWorker) => void;
  constructor(script: (worker: FakeWorker) => void, failToLoad = false) {
    this.script = script;
    FakeWorker.made.push(this);
    setTimeout(() => (failToLoad ? this.#error.forEach((l) => l({ message: 'SyntaxError in worker' })) : this.send({ type: 'ready' })), 1);
  }
  send(data: FromWorker): void {
    if (!this.terminated) this.#message.forEach((l) => l({ data }));
  }
  postMessage(message: GradeMessage): void {
    this.received.push(message);
    this.script(this);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: 'message' | 'error', listener: never): void {
    (type === 'message' ? this.#message : this.#error).push(listener);
  }
}

const passing = (worker: FakeWorker) => {
  worker.send({ type: 'event', event: { type: 'loaded' } });
  worker.send({ type: 'event', event: { type: 'collected', tests: [{ id: 't1', name: 'works', task: 1 }] } });
  worker.send({ type: 'event', event: { type: 'start', id: 't1' } });
  worker.send({ type: 'print', text: 'hello\n', bytes: 6 });
  worker.send({ type: 'event', event: { type: 'end', id: 't1', status: 'pass' } });
  worker.send({ type: 'event', event: { type: 'output', bytes: 6, text: 'hello\n' } });
  worker.send({ type: 'event', event: { type: 'done' } });
};

test('grades with the journal the worker streams, in the layout of the grading workspace', async () => {
  FakeWorker.made = [];
  const runtime = createBrowserRuntime({ createWorker: () => new FakeWorker(passing) });
  await runtime.prepare(() => {});
  const report = await runtime.grade(request(), () => {});
  expect(report.verdict).toBe('pass');
  expect(report.tests).toEqual([{ name: 'works', task: 1, status: 'pass' }]);
  expect(report.output).toBe('hello');
  const sent = FakeWorker.made[0]!.received[0]!;
  expect(Object.keys(sent.files).sort()).toEqual(['grader.test.ts', 'subject/support/clock.ts', 'subject/x.ts']);
  expect(FakeWorker.made[0]!.terminated, 'the run’s worker is ended').toBe(true);
});

test('a worker that stops beating is ended at the limit, the running test named, and a fresh worker grades next', async () => {
  FakeWorker.made = [];
  let hang = true;
  const runtime = createBrowserRuntime({
    watchEveryMs: 10,
    createWorker: () =>
      new FakeWorker((worker) => {
        if (!hang) return passing(worker);
        worker.send({ type: 'event', event: { type: 'loaded' } });
        worker.send({ type: 'event', event: { type: 'collected', tests: [{ id: 't1', name: 'loops', task: 1 }] } });
        worker.send({ type: 'event', event: { type: 'start', id: 't1' } });
        // ...and nothing more: a `while (true) {}` holds the thread.
      }),
  });
  const started = Date.now();
  const report = await runtime.grade(request('while (true) {}', 200), () => {});
  expect(report.verdict).toBe('timeout');
  expect(report.tests[0]).toMatchObject({ name: 'loops', status: 'fail', message: expect.stringMatching(/Still running when the 0.2 s limit/) });
  expect(Date.now() - started).toBeLessThan(2_000);
  const hung = FakeWorker.made.find((w) => w.received.length)!;
  expect(hung.terminated).toBe(true);
  hang = false;
  expect((await runtime.grade(request(), () => {})).verdict).toBe('pass');
  const graders = FakeWorker.made.filter((w) => w.received.length);
  expect(graders).toHaveLength(2);
  expect(graders[1]).not.toBe(hung);
});

test('code that needs Node is handed back before any worker grades it', async () => {
  FakeWorker.made = [];
  const runtime = createBrowserRuntime({ createWorker: () => new FakeWorker(passing) });
  const error = await runtime.grade(request('setImmediate(() => {});'), () => {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RuntimeUnavailable);
  expect((error as RuntimeUnavailable).reason).toBe('needs-node');
  expect((error as RuntimeUnavailable).message).toMatch(/x\.ts uses setImmediate/);
  expect(FakeWorker.made.every((w) => w.received.length === 0)).toBe(true);
});

test('a worker that declines (an import cycle) hands the code to Node too', async () => {
  const runtime = createBrowserRuntime({ createWorker: () => new FakeWorker((w) => w.send({ type: 'decline', reason: 'subject/x.ts is part of an import cycle' })) });
  const error = (await runtime.grade(request(), () => {}).catch((e: unknown) => e)) as RuntimeUnavailable;
  expect(error.reason).toBe('needs-node');
  expect(error.message).toMatch(/import cycle/);
});

test('a cancelled run ends its worker', async () => {
  FakeWorker.made = [];
  const runtime = createBrowserRuntime({ createWorker: () => new FakeWorker((w) => w.send({ type: 'event', event: { type: 'loaded' } })) });
  const controller = new AbortController();
  const grading = runtime.grade(request(), () => {}, controller.signal);
  await new Promise((resolve) => setTimeout(resolve, 30));
  controller.abort();
  await expect(grading).rejects.toThrow(/cancelled/);
  expect(FakeWorker.made.find((w) => w.received.length)!.terminated).toBe(true);
});

test('a worker that fails to load is the tools’ fault, said at once', async () => {
  const runtime = createBrowserRuntime({ createWorker: () => new FakeWorker(passing, true) });
  await expect(runtime.prepare(() => {})).rejects.toMatchObject({ reason: 'prepare-failed', message: expect.stringMatching(/SyntaxError in worker/) });
  const started = Date.now();
  await expect(runtime.grade(request(), () => {})).rejects.toMatchObject({ reason: 'prepare-failed' });
  expect(Date.now() - started).toBeLessThan(1_000);
});
