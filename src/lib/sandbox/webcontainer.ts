// The WebContainer runtime: grades in an in-browser Node.js. Everything outside this file is injected (booting,
// the snapshot of the test tools, our grading glue, the browser's facts), so tests drive it with a fake
// container; webcontainer-browser.ts wires in the real API.
//
// Life of the container:
//   prepare: check the browser -> boot (raced against a timeout) -> mount the test-tools snapshot -> smoke test.
//   grade:   mount the workspace in runs/<n>/ -> spawn Vitest -> the exit or the watchdog -> journal -> report.
// A process stuck in a synchronous loop cannot be killed in WebContainer, so the watchdog (and an abort) tears
// the whole container down and boots a fresh one in the background; the next grade waits for it.
import type { GradeReport } from '../schemas/report.ts';
import { JOURNAL_FILE, parseJournalText } from '../grading/journal.ts';
import { HEARTBEAT_FILE, HEARTBEAT_MS, STARTUP_BUDGET_MS, Watchdog, type Expiry } from '../grading/watchdog.ts';
import { buildReport } from '../grading/report.ts';
import { buildWorkspace, type FileMap } from '../grading/workspace.ts';
import { RuntimeUnavailable, type GradeRequest, type OnStep, type SandboxRuntime, type SandboxStep } from './runtime.ts';
import { bootFailed, bootTimeout, checkBrowser, containerFailed, messageOf, prepareFailed, smokeTestFailed, type BrowserFacts } from './webcontainer-checks.ts';
import { followJournal, runningStep } from './webcontainer-journal.ts';
import { OutputTail } from './webcontainer-output.ts';
import { toFileTree, type FileTree } from './webcontainer-tree.ts';

/** A process in the container: output is stdout and stderr merged through a pseudo-terminal. */
export interface ContainerProcess {
  exit: Promise<number>;
  output: ReadableStream<string>;
  kill(): void;
}

export interface ContainerSpawnOptions {
  /** Relative to the container's working directory. */
  cwd?: string;
  env?: Record<string, string>;
}

/** Exactly the part of the WebContainer API this runtime uses; the real `WebContainer` is assignable to it. */
export interface ContainerLike {
  /** Paths are relative to the working directory. */
  readonly fs: {
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  };
  /** Absolute path of the working directory, e.g. /home/project. */
  readonly workdir: string;
  /** A binary snapshot (the ArrayBuffer is transferred: unusable afterwards) or a tree of files. */
  mount(data: ArrayBuffer | FileTree, options?: { mountPoint?: string }): Promise<void>;
  spawn(command: string, args: string[], options?: ContainerSpawnOptions): Promise<ContainerProcess>;
  /** Ends the instance and every process in it; everything derived from it stops working. */
  teardown(): void;
  /** Internal errors of the instance (content blockers, shields, blocked storage stop it this way). */
  on?(event: 'error', listener: (error: { message: string }) => void): () => void;
}

export interface WebContainerRuntimeOptions {
  /** Boots a container. Called again only after this runtime tore the previous one down. */
  boot: () => Promise<ContainerLike>;
  /** The snapshot of sandbox-runtime/ (package.json, lockfile, node_modules), with download progress if known. */
  loadSnapshot: (onProgress?: (loaded: number, total: number | undefined) => void, signal?: AbortSignal) => Promise<ArrayBuffer>;
  /** A download that receives no bytes for this long is given up (default 30 s), and a later run downloads again. */
  downloadStallMs?: number;
  /** Our grading glue by RUNTIME_FILES name. */
  runtimeFiles: FileMap;
  env: BrowserFacts;
  bootTimeoutMs?: number;
  /** For the `node -e` check after mounting the snapshot. */
  smokeTimeoutMs?: number;
  /** For reading the journal when the watchdog fires: a container busy with a stuck process may not answer. */
  journalReadTimeoutMs?: number;
  /** How often the journal is read during a run, for progress. */
  journalPollMs?: number;
  /** What the test tools may take to start before the learner's code loads (see grading/watchdog.ts). */
  startupBudgetMs?: number;
  /** How long to wait for the rest of the output once the process has exited. */
  outputGraceMs?: number;
  /** Characters of output kept for the report. */
  outputTailChars?: number;
}

/** Grading runs in runs/<n>/ beside the snapshot's node_modules, so Node finds `vitest` by walking up. */
const RUNS_DIR = 'runs';
const VITEST_FROM_RUN = '../../node_modules/vitest/vitest.mjs';
const PROCESS_ENV = { FORCE_COLOR: '0', NO_COLOR: '1', CI: '1' };
const SMOKE_MARKER = 'sandbox-smoke-ok';
// CommonJS under -e: require.resolve proves Node resolves the snapshot's packages from the working directory.
const SMOKE_SCRIPT = `const v = require(require.resolve('vitest/package.json')).version; console.log('${SMOKE_MARKER} node ' + process.versions.node + ' vitest ' + v + ' wasm ' + typeof WebAssembly);`;
const TIMED_OUT = Symbol('timed out');

export function createWebContainerRuntime(options: WebContainerRuntimeOptions): SandboxRuntime {
  const bootTimeoutMs = options.bootTimeoutMs ?? 30_000;
  const downloadStallMs = options.downloadStallMs ?? 30_000;
  const smokeTimeoutMs = options.smokeTimeoutMs ?? 30_000;
  const journalReadTimeoutMs = options.journalReadTimeoutMs ?? 2_000;
  const journalPollMs = options.journalPollMs ?? 300;
  const startupBudgetMs = options.startupBudgetMs ?? STARTUP_BUDGET_MS;
  const outputGraceMs = options.outputGraceMs ?? 1_000;
  const outputTailChars = options.outputTailChars ?? 8_000;

  /** The boot of the current container. Kept after a boot timeout: a retry waits for the same boot. */
  let booting: Promise<ContainerLike> | undefined;
  /** boot() rejected: WebContainer starts again only after a page reload, so every later call gets this. */
  let bootError: RuntimeUnavailable | undefined;
  let container: ContainerLike | undefined;
  /** An 'error' event of the current container: it no longer works, and the next call says why. */
  let containerError: RuntimeUnavailable | undefined;
  let snapshotOn: ContainerLike | undefined;
  let smokeTestedOn: ContainerLike | undefined;
  /** Kept once loaded: a fresh container after a watchdog teardown gets a copy without downloading again. */
  let snapshot: ArrayBuffer | undefined;
  /** The preparation under way or done, shared by every caller; cleared when it fails so a later call retries. */
  let ready: Promise<ContainerLike> | undefined;
  const listeners = new Set<OnStep>();
  let lastStep: SandboxStep | undefined;
  let runs = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const emit = (step: SandboxStep): void => {
    lastStep = step;
    for (const listener of listeners) {
      try {
        listener(step);
      } catch {
        // A broken progress display must not break grading.
      }
    }
  };

  async function start(restarting: boolean): Promise<ContainerLike> {
    emit({ step: 'checking', label: 'Checking that this browser can run the tests' });
    checkBrowser(options.env);
    if (bootError) throw bootError;
    if (!container) {
      emit(restarting ? { step: 'restarting', label: 'Restarting the in-browser Node.js' } : { step: 'starting', label: 'Starting the in-browser Node.js' });
      let booted: ContainerLike | typeof TIMED_OUT;
      try {
        booting ??= options.boot();
        booted = await withTimeout(booting, bootTimeoutMs);
      } catch (error) {
        bootError = bootFailed(error);
        throw bootError;
      }
      if (booted === TIMED_OUT) throw bootTimeout(bootTimeoutMs);
      container = booted;
      containerError = undefined;
      const mine = booted;
      mine.on?.('error', (error) => {
        if (container === mine) containerError = containerFailed(error.message);
      });
    }
    if (containerError) throw containerError;
    const current = container;
    if (snapshotOn !== current) {
      if (!snapshot) {
        emit({ step: 'preparing', label: 'Downloading the test tools', progress: 0 });
        // A download that stalls (a dropped connection that is never closed) would show "Downloading" for ever:
        // every chunk re-arms a timer, and a silence of downloadStallMs gives up.
        const stall = new AbortController();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => stall.abort(new Error(`no data arrived for ${downloadStallMs >= 1000 ? `${Math.round(downloadStallMs / 1000)} s` : `${downloadStallMs} ms`}`)), downloadStallMs);
        };
        arm();
        try {
          const download = options.loadSnapshot((loaded, total) => {
            arm();
            emit(
              total
                ? { step: 'preparing', label: `Downloading the test tools (${formatSize(loaded)} of ${formatSize(total)})`, progress: Math.min(1, loaded / total) }
                : { step: 'preparing', label: `Downloading the test tools (${formatSize(loaded)})` },
            );
          }, stall.signal);
          snapshot = await Promise.race([
            download,
            new Promise<never>((_, reject) => stall.signal.addEventListener('abort', () => reject(stall.signal.reason), { once: true })),
          ]);
        } catch (error) {
          throw prepareFailed('Could not download the test tools', error);
        } finally {
          clearTimeout(timer);
        }
      }
      emit({ step: 'preparing', label: `Installing the test tools (${formatSize(snapshot.byteLength)})` });
      try {
        // mount() transfers the buffer it is given; ours stays whole for the next container.
        await current.mount(snapshot.slice(0));
      } catch (error) {
        throw prepareFailed('Could not install the test tools', error);
      }
      snapshotOn = current;
    }
    if (smokeTestedOn !== current) {
      emit({ step: 'preparing', label: 'Checking the test tools' });
      await smokeTest(current);
      smokeTestedOn = current;
    }
    return current;
  }

  async function smokeTest(target: ContainerLike): Promise<void> {
    let proc: ContainerProcess;
    try {
      proc = await target.spawn('node', ['-e', SMOKE_SCRIPT], { env: PROCESS_ENV });
    } catch (error) {
      throw smokeTestFailed(`node could not be started (${messageOf(error)})`);
    }
    const output = new OutputTail(2_000);
    const pump = pumpOutput(proc.output, output);
    const code = await withTimeout(proc.exit, smokeTimeoutMs);
    if (code === TIMED_OUT) {
      pump.cancel();
      stop(proc);
      throw smokeTestFailed(`node did not finish within ${Math.round(smokeTimeoutMs / 1000)} s.`);
    }
    await withTimeout(pump.done, outputGraceMs);
    pump.cancel();
    const text = output.text().trim();
    if (code !== 0 || !text.includes(SMOKE_MARKER)) throw smokeTestFailed(`node exited with code ${code}${text ? `:\n${text}` : ' and printed nothing.'}`);
  }

  /** Joins the preparation under way (or starts one); the caller sees its steps from now on. */
  function ensureReady(onStep: OnStep, restarting = false): Promise<ContainerLike> {
    if (containerError) return Promise.reject(containerError);
    listeners.add(onStep);
    if (ready && lastStep) onStep(lastStep);
    if (!ready) {
      const attempt: Promise<ContainerLike> = start(restarting).finally(() => {
        lastStep = undefined;
      });
      ready = attempt;
      attempt.catch(() => {
        if (ready === attempt) ready = undefined;
      });
    }
    return ready.finally(() => listeners.delete(onStep));
  }

  /** Tears a container down (the only way to stop a stuck process) and boots its successor in the background. */
  function replace(old: ContainerLike): void {
    try {
      old.teardown();
    } catch {
      // Already gone.
    }
    if (container !== old) return;
    container = undefined;
    booting = undefined;
    ready = undefined;
    ensureReady(() => {}, true).catch(() => {
      // Reported to the next caller of prepare or grade, which retries or gets the reason.
    });
  }

  async function gradeNow(request: GradeRequest, onStep: OnStep, signal: AbortSignal | undefined): Promise<GradeReport> {
    throwIfAborted(signal);
    const target = await abortable(ensureReady(onStep), signal);
    throwIfAborted(signal);
    const { exercise } = request;
    const dir = `${RUNS_DIR}/${++runs}`;
    const journalPath = `${dir}/grading/${JOURNAL_FILE}`;
    const files = buildWorkspace({
      grader: request.grader,
      subject: request.subject,
      support: request.support,
      runtime: options.runtimeFiles,
      testTimeoutMs: exercise.testTimeoutMs,
      threadFiles: exercise.threadFiles,
    });
    files[`grading/${JOURNAL_FILE}`] = '';

    let proc: ContainerProcess;
    try {
      await target.fs.mkdir(dir, { recursive: true });
      await target.mount(toFileTree(files), { mountPoint: dir });
      proc = await target.spawn('node', [VITEST_FROM_RUN, 'run', '--config', 'vitest.config.mjs'], { cwd: dir, env: PROCESS_ENV });
    } catch (error) {
      // The container no longer works as it should: start over with a fresh one.
      replace(target);
      throw new RuntimeUnavailable('prepare-failed', `The in-browser Node.js stopped working: ${messageOf(error)}`, 'Try again; if it keeps failing, reload the page.');
    }
    onStep({ step: 'running', label: `Running the tests (limit ${Math.round(exercise.timeLimitMs / 1000)} s)` });
    const started = performance.now();
    const output = new OutputTail(outputTailChars);
    const pump = pumpOutput(proc.output, output);
    const follower = followJournal(() => target.fs.readFile(journalPath, 'utf-8'), journalPollMs, (events) => {
      const step = runningStep(events);
      if (step) onStep(step);
    });

    // The watchdog's own reads of the journal and the heartbeat, at its own pace; if the container stops answering,
    // it judges by what it read last (a stuck process stops the heartbeat anyway).
    const dog = new Watchdog({ limitMs: exercise.timeLimitMs, startupBudgetMs }, started);
    const journalWatch = followJournal(() => target.fs.readFile(journalPath, 'utf-8'), HEARTBEAT_MS, () => undefined);
    const beatWatch = followJournal(() => target.fs.readFile(`${dir}/grading/${HEARTBEAT_FILE}`, 'utf-8'), HEARTBEAT_MS, () => undefined);
    const outcome = await firstOf(proc, () => dog.check(performance.now(), longer(follower.lastText, journalWatch.lastText), beatWatch.lastText), signal);
    for (const f of [follower, journalWatch, beatWatch]) f.stop();
    const durationMs = performance.now() - started;

    if (outcome.kind === 'abort') {
      pump.cancel();
      stop(proc);
      replace(target);
      throw abortError();
    }
    if (outcome.kind === 'timeout') {
      // Read what the run wrote before tearing down: the journal says which test was running.
      const text = (await readWithin(target, journalPath, journalReadTimeoutMs)) ?? longer(follower.lastText, journalWatch.lastText);
      pump.cancel();
      stop(proc);
      replace(target);
      return report(text, { killed: true, exitCode: null, expiry: outcome.expiry });
    }
    await withTimeout(pump.done, outputGraceMs);
    pump.cancel();
    const text = (await readWithin(target, journalPath, journalReadTimeoutMs)) ?? longer(follower.lastText, journalWatch.lastText);
    await withTimeout(
      target.fs.rm(dir, { recursive: true, force: true }).catch(() => undefined),
      journalReadTimeoutMs,
    );
    return report(text, { killed: false, exitCode: outcome.code });

    function report(journal: string, facts: { killed: boolean; exitCode: number | null; expiry?: Expiry }): GradeReport {
      // Judged by the journal, not the exit code: Vitest exits 1 for failing tests and for broken ones alike.
      return buildReport(parseJournalText(journal), {
        exercise: exercise.id,
        durationMs,
        limitMs: exercise.timeLimitMs,
        startupBudgetMs,
        output: output.text().trim(),
        outputBytes: output.bytes,
        workspaceDir: `${target.workdir.replace(/\/$/, '')}/${dir}`,
        ...facts,
      });
    }
  }

  return {
    kind: 'webcontainer',
    async prepare(onStep: OnStep): Promise<void> {
      await ensureReady(onStep);
    },
    grade(request: GradeRequest, onStep: OnStep, signal?: AbortSignal): Promise<GradeReport> {
      // One run at a time: each waits for the one before it, whatever its outcome.
      const turn = queue.then(() => gradeNow(request, onStep, signal));
      queue = turn.catch(() => undefined);
      return abortable(turn, signal);
    },
  };
}

type Outcome = { kind: 'exit'; code: number } | { kind: 'timeout'; expiry: Expiry } | { kind: 'abort' };

/** The journal text that got further (the journal only grows during a run). */
const longer = (a: string, b: string) => (b.length > a.length ? b : a);

/** The process's exit, the watchdog's verdict (`check`, asked several times a second) or the abort signal. */
function firstOf(proc: ContainerProcess, check: () => Expiry | undefined, signal: AbortSignal | undefined): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const finish = (outcome: Outcome) => {
      clearInterval(watchdog);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const watchdog = setInterval(() => {
      const expiry = check();
      if (expiry) finish({ kind: 'timeout', expiry });
    }, HEARTBEAT_MS / 2);
    const onAbort = () => finish({ kind: 'abort' });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    proc.exit.then(
      (code) => finish({ kind: 'exit', code }),
      // The exit promise breaks when the container dies under the process.
      () => finish({ kind: 'exit', code: -1 }),
    );
  });
}

/** Reads the output stream into `tail` until it ends or is cancelled. */
function pumpOutput(stream: ReadableStream<string>, tail: OutputTail): { done: Promise<void>; cancel(): void } {
  const reader = stream.getReader();
  const done = (async () => {
    try {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) return;
        tail.push(value);
      }
    } catch {
      // The stream broke with its container: what was read is kept.
    }
  })();
  return {
    done,
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

/** Asks the process to stop; a stuck one ignores it, which is why the caller also tears the container down. */
function stop(proc: ContainerProcess): void {
  try {
    proc.kill();
  } catch {
    // Already gone.
  }
}

async function readWithin(target: ContainerLike, path: string, ms: number): Promise<string | undefined> {
  try {
    const text = await withTimeout(target.fs.readFile(path, 'utf-8'), ms);
    return text === TIMED_OUT ? undefined : text;
  } catch {
    return undefined;
  }
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function abortError(): DOMException {
  return new DOMException('The grading run was cancelled.', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** The promise, or an AbortError as soon as the signal fires (the work itself goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
