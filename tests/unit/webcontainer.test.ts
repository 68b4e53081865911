// The WebContainer runtime against a fake container: browser checks, boot timeout and failure, the snapshot
// mounted once, reports built from the journal, the watchdog that tears a stuck container down and boots a
// new one, bounded output, shared preparation, serialised runs and abort.
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { WebContainer } from '@webcontainer/api';
import { RuntimeUnavailable, type GradeRequest, type SandboxStep } from '../../src/lib/sandbox/runtime.ts';
import { createWebContainerRuntime, type ContainerLike, type WebContainerRuntimeOptions } from '../../src/lib/sandbox/webcontainer.ts';
import type { BrowserFacts } from '../../src/lib/sandbox/webcontainer-checks.ts';
import { RUNTIME_FILES } from '../../src/lib/grading/workspace.ts';
import { exitsSilently, FakeWebContainerHost, hangs, passing, printing, sleep, type FakeHostOptions } from '../fakes/webcontainer.ts';

const FACTS: BrowserFacts = { isSecureContext: true, crossOriginIsolated: true, hasSharedArrayBuffer: true, hasWebAssembly: true, hasAtomicsWaitAsync: true };
const SNAPSHOT_BYTES = 4096;
const LIMIT = 400;

function setup(options: Partial<WebContainerRuntimeOptions> = {}, host: FakeHostOptions = {}) {
  const fake = new FakeWebContainerHost(host);
  let snapshotLoads = 0;
  const runtime = createWebContainerRuntime({
    boot: fake.boot,
    loadSnapshot: async (onProgress) => {
      snapshotLoads++;
      onProgress?.(SNAPSHOT_BYTES / 2, SNAPSHOT_BYTES);
      onProgress?.(SNAPSHOT_BYTES, SNAPSHOT_BYTES);
      return new ArrayBuffer(SNAPSHOT_BYTES);
    },
    runtimeFiles: Object.fromEntries(RUNTIME_FILES.map((name) => [name, `// ${name}`])),
    env: FACTS,
    journalPollMs: 20,
    journalReadTimeoutMs: 100,
    outputGraceMs: 100,
    ...options,
  });
  const snapshotMounts = () => fake.containers.flatMap((c) => c.mounts.filter((m) => m.kind === 'snapshot'));
  return { fake, runtime, snapshotMounts, loads: () => snapshotLoads };
}

const request = (timeLimitMs = LIMIT): GradeRequest => ({
  exercise: { id: 'event-loop/fake', files: ['sum.ts'], timeLimitMs, testTimeoutMs: 100, threadFiles: [] },
  grader: "import { test } from 'vitest';\n",
  support: { 'numbers.ts': 'export const one = 1;\n' },
  subject: { 'sum.ts': 'export const sum = (a: number, b: number) => a + b;\n' },
});

const noop = () => {};

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuntimeUnavailable);
  const problem = error as RuntimeUnavailable;
  expect(problem.message.length).toBeGreaterThan(10);
  expect(problem.advice.length).toBeGreaterThan(10);
  return problem.reason;
}

test('the real WebContainer fits ContainerLike', () => {
  expectTypeOf<WebContainer>().toExtend<ContainerLike>();
});

describe('prepare', () => {
  test.each([
    ['isSecureContext', 'secure-context'],
    ['crossOriginIsolated', 'cross-origin-isolated'],
    ['hasSharedArrayBuffer', 'shared-array-buffer'],
    ['hasWebAssembly', 'webassembly'],
    ['hasAtomicsWaitAsync', 'atomics-wait-async'],
  ] as const)('without %s it names the check "%s" and does not boot', async (fact, reason) => {
    const { fake, runtime } = setup({ env: { ...FACTS, [fact]: false } });
    expect(await reasonOf(runtime.prepare(noop))).toBe(reason);
    expect(fake.boots).toBe(0);
  });

  test('checks in order: the first failing check is the one named', async () => {
    const { runtime } = setup({ env: { isSecureContext: true, crossOriginIsolated: false, hasSharedArrayBuffer: false, hasWebAssembly: false, hasAtomicsWaitAsync: false } });
    expect(await reasonOf(runtime.prepare(noop))).toBe('cross-origin-isolated');
  });

  test('a boot that never finishes fails with boot-timeout; a retry waits for the same boot', async () => {
    const { fake, runtime, snapshotMounts } = setup({ bootTimeoutMs: 50 }, { boot: 'never' });
    expect(await reasonOf(runtime.prepare(noop))).toBe('boot-timeout');
    fake.releaseBoot();
    await runtime.prepare(noop);
    expect(fake.boots).toBe(1);
    expect(snapshotMounts()).toHaveLength(1);
  });

  test('a boot that fails is final for the page (WebContainer boots again only after a reload)', async () => {
    const { fake, runtime } = setup({}, { boot: new Error('Unable to create more instances') });
    expect(await reasonOf(runtime.prepare(noop))).toBe('boot-failed');
    expect(await reasonOf(runtime.prepare(noop))).toBe('boot-failed');
    expect(fake.boots).toBe(1);
  });

  test('a failing smoke test is reported with what node printed', async () => {
    const { fake, runtime } = setup();
    fake.smoke = exitsSilently(1, 'Error: Cannot find module vitest/package.json\r\n');
    const error = await runtime.prepare(noop).catch((e: unknown) => e);
    expect((error as RuntimeUnavailable).reason).toBe('smoke-test');
    expect((error as RuntimeUnavailable).message).toMatch(/code 1:\nError: Cannot find module/);
  });

  test('a smoke test that prints something else fails too', async () => {
    const { fake, runtime } = setup();
    fake.smoke = exitsSilently(0, 'hello\r\n');
    expect(await reasonOf(runtime.prepare(noop))).toBe('smoke-test');
  });

  test('a snapshot that cannot be downloaded fails with prepare-failed, and a retry downloads again', async () => {
    let attempts = 0;
    const { fake, runtime, snapshotMounts } = setup({
      loadSnapshot: async () => {
        if (++attempts === 1) throw new Error('HTTP 503');
        return new ArrayBuffer(SNAPSHOT_BYTES);
      },
    });
    expect(await reasonOf(runtime.prepare(noop))).toBe('prepare-failed');
    await runtime.prepare(noop);
    expect(attempts).toBe(2);
    expect(fake.boots).toBe(1);
    expect(snapshotMounts()).toHaveLength(1);
  });

  test('a download that stops sending bytes fails after the stall limit, cancels the request, and a retry downloads again', async () => {
    let attempts = 0;
    let cancelled = 0;
    const { runtime, snapshotMounts } = setup({
      downloadStallMs: 60,
      loadSnapshot: (onProgress, signal) => {
        attempts++;
        if (attempts > 1) return Promise.resolve(new ArrayBuffer(SNAPSHOT_BYTES));
        signal?.addEventListener('abort', () => cancelled++);
        // Some bytes, well within the limit each, then nothing more for ever.
        return new Promise<ArrayBuffer>((resolve) => {
          setTimeout(() => onProgress?.(100, SNAPSHOT_BYTES), 40);
          setTimeout(() => onProgress?.(200, SNAPSHOT_BYTES), 80);
          void resolve;
        });
      },
    });
    const error = await runtime.prepare(noop).catch((e: unknown) => e);
    expect((error as RuntimeUnavailable).reason).toBe('prepare-failed');
    expect((error as RuntimeUnavailable).message).toBe('Could not download the test tools: no data arrived for 60 ms');
    expect(cancelled, 'the stalled request was cancelled').toBe(1);
    await runtime.prepare(noop);
    expect(attempts).toBe(2);
    expect(snapshotMounts()).toHaveLength(1);
  });

  test("an 'error' event of the container (a content blocker, shields) makes the next call fail with its message and advice", async () => {
    const { fake, runtime } = setup();
    await runtime.prepare(noop);
    fake.current!.fail('Unable to create more instances: storage is blocked');
    const error = await runtime.grade(request(), noop).catch((e: unknown) => e);
    expect((error as RuntimeUnavailable).reason).toBe('boot-failed');
    expect((error as RuntimeUnavailable).message).toMatch(/reported an error and stopped working: Unable to create more instances/);
    expect((error as RuntimeUnavailable).advice).toMatch(/shields/);
  });

  test('a failed smoke test is run again by the next call', async () => {
    const { fake, runtime } = setup();
    const works = fake.smoke;
    fake.smoke = exitsSilently(1, 'Error: out of memory\r\n');
    expect(await reasonOf(runtime.prepare(noop))).toBe('smoke-test');
    fake.smoke = works;
    await runtime.prepare(noop);
    expect(fake.boots).toBe(1);
  });

  test('concurrent calls share one boot, one snapshot and one smoke test; each caller sees the steps', async () => {
    const { fake, runtime, snapshotMounts } = setup();
    const seen: SandboxStep[][] = [[], [], []];
    await Promise.all(seen.map((steps) => runtime.prepare((s) => steps.push(s))));
    expect(fake.boots).toBe(1);
    expect(snapshotMounts()).toHaveLength(1);
    expect(fake.spawns.filter((s) => s.args[0] === '-e')).toHaveLength(1);
    const first = seen[0]!.map((s) => s.step);
    expect(first.slice(0, 2)).toEqual(['checking', 'starting']);
    expect(first.at(-1)).toBe('preparing');
    expect(seen[0]).toContainEqual({ step: 'preparing', label: 'Downloading the test tools (2 KB of 4 KB)', progress: 0.5 });
    expect(seen[0]).toContainEqual({ step: 'preparing', label: 'Installing the test tools (4 KB)' });
    for (const steps of seen.slice(1)) expect(steps.length).toBeGreaterThan(0);
    // Once ready, prepare returns at once.
    await runtime.prepare(noop);
    expect(fake.boots).toBe(1);
  });
});

describe('grade', () => {
  test('a passing run: the workspace in runs/1, Vitest started there, verdict and tests from the journal', async () => {
    const { fake, runtime } = setup();
    fake.vitest = passing([
      { name: 'adds two numbers', task: 1 },
      { name: 'resolves with the sum', task: 2 },
    ]);
    const steps: SandboxStep[] = [];
    const report = await runtime.grade(request(), (s) => steps.push(s));
    expect(report.verdict).toBe('pass');
    expect(report.exercise).toBe('event-loop/fake');
    expect(report.tests).toEqual([
      { name: 'adds two numbers', task: 1, status: 'pass' },
      { name: 'resolves with the sum', task: 2, status: 'pass' },
    ]);
    expect(report.output).toBe('Test Files  1 passed (1)');
    const container = fake.current!;
    expect(container.mounts.find((m) => m.kind === 'tree')).toEqual({
      kind: 'tree',
      mountPoint: 'runs/1',
      paths: ['grader.test.ts', 'grading/in-vitest/journal-hooks.ts', 'grading/in-vitest/journal-setup.ts', 'grading/in-vitest/reporter.ts', 'grading/in-vitest/thread-files.ts', 'grading/in-vitest/timers-promises.ts', 'grading/journal.ndjson', 'grading/journal.ts', 'grading/watchdog.ts', 'package.json', 'subject/sum.ts', 'subject/support/numbers.ts', 'vitest.config.mjs'],
    });
    expect(fake.spawns.at(-1)).toMatchObject({ command: 'node', args: ['../../node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.config.mjs'], cwd: 'runs/1' });
    expect(fake.spawns.at(-1)!.env).toMatchObject({ NO_COLOR: '1' });
    // The run folder is removed afterwards.
    expect([...container.files.keys()].filter((k) => k.startsWith('runs/'))).toEqual([]);
    expect(steps.some((s) => s.step === 'running')).toBe(true);
  });

  test('the verdict comes from the journal, not the exit code', async () => {
    const { fake, runtime } = setup();
    fake.vitest = passing([{ name: 'adds', task: 1 }], 1);
    expect((await runtime.grade(request(), noop)).verdict).toBe('pass');
    fake.vitest = passing([{ name: 'adds', task: 1, status: 'fail', message: 'expected 3, got 4' }], 0);
    const report = await runtime.grade(request(), noop);
    expect(report.verdict).toBe('fail');
    expect(report.tests[0]).toMatchObject({ status: 'fail', message: 'expected 3, got 4' });
  });

  test('paths in messages are shown as the learner\'s file names', async () => {
    const { fake, runtime } = setup();
    fake.vitest = passing([{ name: 'adds', task: 1, status: 'fail', message: 'at /home/project/runs/1/subject/sum.ts:2:3' }]);
    const report = await runtime.grade(request(), noop);
    expect(report.tests[0]!.message).toBe('at sum.ts:2:3');
  });

  test('the snapshot is mounted once across several grades, each in a fresh folder', async () => {
    const { fake, runtime, snapshotMounts, loads } = setup();
    for (let i = 0; i < 3; i++) expect((await runtime.grade(request(), noop)).verdict).toBe('pass');
    expect(fake.boots).toBe(1);
    expect(loads()).toBe(1);
    expect(snapshotMounts()).toHaveLength(1);
    expect(fake.current!.mounts.flatMap((m) => (m.kind === 'tree' ? [m.mountPoint] : []))).toEqual(['runs/1', 'runs/2', 'runs/3']);
  });

  test('a hang: the watchdog reads the journal, then tears down, reports a timeout naming the test, and a new container serves the next grade', async () => {
    const { fake, runtime, snapshotMounts, loads } = setup({ journalPollMs: 10_000 });
    // The running test is written late, so only the read after the watchdog can see it.
    fake.vitest = hangs(
      [
        { name: 'adds two numbers', task: 1 },
        { name: 'never returns', task: 2 },
        { name: 'after it', task: 2 },
      ],
      1,
      { startAfterMs: 150 },
    );
    const started = Date.now();
    const report = await runtime.grade(request(), noop);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LIMIT - 5);
    expect(Date.now() - started).toBeLessThan(LIMIT + 1500);
    expect(report.verdict).toBe('timeout');
    expect(report.tests).toEqual([
      { name: 'adds two numbers', task: 1, status: 'pass' },
      { name: 'never returns', task: 2, status: 'fail', message: expect.stringMatching(/Still running when the 0\.4 s limit was reached/) },
      { name: 'after it', task: 2, status: 'skip', message: 'Not run: an earlier test hung.' },
    ]);
    const log = fake.log;
    const read = log.lastIndexOf('read 1 runs/1/grading/journal.ndjson');
    expect(read).toBeGreaterThan(log.indexOf('spawn 1 vitest'));
    expect(log.indexOf('teardown 1')).toBeGreaterThan(read);
    expect(fake.containers[0]!.dead).toBe(true);

    // The next grade waits for the new container, with the snapshot mounted again (not downloaded again).
    fake.vitest = passing([{ name: 'adds two numbers', task: 1 }]);
    const steps: SandboxStep[] = [];
    expect((await runtime.grade(request(), (s) => steps.push(s))).verdict).toBe('pass');
    expect(fake.boots).toBe(2);
    expect(loads()).toBe(1);
    expect(snapshotMounts()).toEqual([
      { kind: 'snapshot', bytes: SNAPSHOT_BYTES },
      { kind: 'snapshot', bytes: SNAPSHOT_BYTES },
    ]);
    expect(fake.containers[1]!.mounts.some((m) => m.kind === 'snapshot')).toBe(true);
    expect(log.indexOf('boot 2')).toBeGreaterThan(log.indexOf('teardown 1'));
  });

  test('a container that no longer answers when the watchdog fires: the journal as last read still names the test', async () => {
    const { fake, runtime } = setup({ journalPollMs: 20, journalReadTimeoutMs: 50 });
    fake.vitest = async (proc) => {
      await hangs([{ name: 'spins', task: 1 }], 0)(proc);
      await sleep(100);
      fake.stallReads = true;
    };
    const steps: SandboxStep[] = [];
    const report = await runtime.grade(request(), (s) => steps.push(s));
    expect(report.verdict).toBe('timeout');
    expect(report.tests[0]).toMatchObject({ name: 'spins', status: 'fail', message: expect.stringMatching(/Still running/) });
    // The same reads showed the learner which test was running.
    expect(steps).toContainEqual({ step: 'running', label: 'Running: 1. spins', progress: 0 });
    fake.stallReads = false;
  });

  test('output: a bounded tail without terminal escapes, and more than 1 MB printed fails the quiet check', async () => {
    const { fake, runtime } = setup({ outputTailChars: 2000 });
    fake.vitest = async (proc) => {
      proc.print('\u001b[31mred\u001b');
      proc.print('[39m\r\n');
      await printing(2 * 1024 * 1024)(proc);
    };
    const report = await runtime.grade(request(), noop);
    expect(report.verdict).toBe('fail');
    expect(report.output!.length).toBeLessThanOrEqual(2001);
    expect(report.output).not.toMatch(/\u001b|\r/);
    expect(report.tests.find((t) => t.name === 'Keeps its output under 1 MB')).toMatchObject({ status: 'fail', message: expect.stringMatching(/printed 2\.0 MB/) });

    fake.vitest = async (proc) => {
      proc.print('\u001b[31mred\u001b');
      proc.print('[39m\r\n');
      await passing([{ name: 'ok', task: 1 }])(proc);
    };
    expect((await runtime.grade(request(), noop)).output).toBe('red\n Test Files  1 passed (1)'.trim());
  });

  test('Vitest that exits without writing anything: an error verdict blaming the course, with its output', async () => {
    const { fake, runtime } = setup();
    fake.vitest = exitsSilently(1, 'SyntaxError: Unexpected token in vitest.config.mjs\r\n');
    const report = await runtime.grade(request(), noop);
    expect(report.verdict).toBe('error');
    expect(report.tests[0]!.message).toMatch(/exited \(code 1\) before running the grader[\s\S]*SyntaxError/);
  });

  test('slow test tools are not the learner\'s time: a late start within the budget still passes; past it, an error, not a timeout', async () => {
    const { fake, runtime } = setup({ startupBudgetMs: 1500 });
    fake.vitest = async (proc) => {
      await sleep(LIMIT + 300);
      await passing([{ name: 'ok', task: 1 }])(proc);
    };
    expect((await runtime.grade(request(), noop)).verdict).toBe('pass');

    fake.vitest = () => undefined; // never writes to the journal, never exits
    const report = await runtime.grade(request(), noop);
    expect(report.verdict).toBe('error');
    expect(report.tests[0]!.message).toMatch(/did not start within 2 s: this machine was too slow or too busy/);
  });

  test('grades run one at a time', async () => {
    const { fake, runtime } = setup();
    fake.vitest = async (proc) => {
      await sleep(50);
      await passing([{ name: 'ok', task: 1 }])(proc);
    };
    const reports = await Promise.all([runtime.grade(request(), noop), runtime.grade(request(), noop), runtime.grade(request(), noop)]);
    expect(reports.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(fake.maxRunning).toBe(1);
  });

  test('abort during a run: an AbortError, no report, a fresh container for the next grade', async () => {
    const { fake, runtime } = setup();
    fake.vitest = hangs([{ name: 'spins', task: 1 }], 0);
    const controller = new AbortController();
    const graded = runtime.grade(request(5_000), noop, controller.signal);
    await sleep(100);
    const started = Date.now();
    controller.abort();
    await expect(graded).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(200);
    fake.vitest = passing([{ name: 'ok', task: 1 }]);
    expect((await runtime.grade(request(), noop)).verdict).toBe('pass');
    expect(fake.containers[0]!.dead).toBe(true);
    expect(fake.boots).toBe(2);
  });

  test('abort before the run starts: nothing is spawned', async () => {
    const { fake, runtime } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(runtime.grade(request(), noop, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await runtime.prepare(noop);
    expect(fake.spawns.filter((s) => s.args[0] !== '-e')).toEqual([]);
  });

  test('a grade before prepare prepares first, and reports the browser check that fails', async () => {
    const { runtime } = setup({ env: { ...FACTS, hasWebAssembly: false } });
    expect(await reasonOf(runtime.grade(request(), noop))).toBe('webassembly');
  });
});
