// The browser runtime: grades in a Web Worker of the page itself (browser-worker.ts), for exercises whose grader,
// solution and support files need no Node API (node-apis.ts decides, at build time, into the sandbox payload).
// No boot, no download beyond the worker's own script, no third party: it works on any static host and offline.
//
// One worker grades one run. The page keeps a spare worker loaded, so a run starts at once; a run's worker is
// ended when the run is done, or by the watchdog when the learner's code holds its thread (the same rule as
// Node's, grading/watchdog.ts); the next run gets a fresh one.
import type { GradeReport } from '../schemas/report.ts';
import { buildReport } from '../grading/report.ts';
import type { JournalEvent } from '../grading/journal.ts';
import { expiry, type Expiry, type WatchState } from '../grading/watchdog.ts';
import { GRADER_FILE, learnerFiles, type FileMap } from '../grading/workspace.ts';
import { nodeApisIn } from '../exercises/node-apis.ts';
import { BROWSER_WORKSPACE, type FromWorker, type GradeMessage } from './browser-protocol.ts';
import { RuntimeUnavailable, type GradeRequest, type OnStep, type SandboxRuntime } from './runtime.ts';

/** The part of a Worker this runtime uses; the real one is assignable to it. */
export interface WorkerLike {
  postMessage(message: GradeMessage): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

export interface BrowserRuntimeOptions {
  /** Starts a module worker on browser-worker.ts. */
  createWorker: () => WorkerLike;
  /** What loading the test tools into a worker may take (default 30 s): past it, the tools failed, not the learner. */
  startupBudgetMs?: number;
  /** How often the watchdog looks (default 50 ms). */
  watchEveryMs?: number;
  /** Characters of printed output kept for a run that is ended before the worker could report them. */
  outputTailChars?: number;
}

/** A worker with the test tools loaded, waiting for its run. */
interface Loaded {
  worker: WorkerLike;
  /** Settles when the worker has loaded the test tools (rejects if its script failed). */
  ready: Promise<void>;
  listen(handler: (message: FromWorker) => void): void;
  failed(handler: (message: string) => void): void;
}

function load(createWorker: () => WorkerLike): Loaded {
  const worker = createWorker();
  let onMessage: ((message: FromWorker) => void) | undefined;
  let onError: ((message: string) => void) | undefined;
  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  worker.addEventListener('message', ({ data }) => {
    if (data.type === 'ready') resolveReady();
    else onMessage?.(data);
  });
  let error: string | undefined;
  worker.addEventListener('error', (event) => {
    error = event.message || 'the test worker failed to start';
    rejectReady(new Error(error));
    onError?.(error);
  });
  // Nobody may be waiting when a spare fails; its run (or prepare) hears of it then.
  ready.catch(() => {});
  return {
    worker,
    ready,
    listen: (handler) => (onMessage = handler),
    failed: (handler) => {
      onError = handler;
      if (error !== undefined) handler(error);
    },
  };
}

/** The grading workspace's files as the worker resolves them (grading/workspace.ts lays them out the same way). */
export function workspaceFiles(request: GradeRequest): FileMap {
  return { [GRADER_FILE]: request.grader, ...learnerFiles(request.subject, request.support) };
}

/** Why the learner's code must be graded by Node, or undefined when this runtime can grade it. */
export function needsNode(subject: FileMap): string | undefined {
  const uses = nodeApisIn(subject);
  return uses.length ? `Your code needs Node: ${uses.slice(0, 3).join('; ')}.` : undefined;
}

export function createBrowserRuntime(options: BrowserRuntimeOptions): SandboxRuntime {
  const startupBudgetMs = options.startupBudgetMs ?? 30_000;
  const watchEveryMs = options.watchEveryMs ?? 50;
  const outputTailChars = options.outputTailChars ?? 8_000;
  let spare: Loaded | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const takeSpare = (): Loaded => {
    const loaded = spare ?? load(options.createWorker);
    spare = undefined;
    return loaded;
  };

  async function run(request: GradeRequest, onStep: OnStep, signal?: AbortSignal): Promise<GradeReport> {
    const why = needsNode(request.subject);
    if (why) throw new RuntimeUnavailable('needs-node', why, 'It is graded by Node instead.');
    const { timeLimitMs } = request.exercise;
    const loaded = takeSpare();
    // The next run's worker loads now, beside this run (the machine has a core for it): a second Run right after
    // the first then starts at once.
    spare = load(options.createWorker);
    const started = performance.now();
    const events: JournalEvent[] = [];
    let output = '';
    let outputBytes = 0;
    const watch: WatchState = { now: started, spawnedAt: started };
    onStep({ step: 'running', label: `Running the tests in this page (limit ${timeLimitMs / 1000} s)` });

    type End = { kind: 'done' } | { kind: 'killed'; expiry: Expiry } | { kind: 'crashed'; message: string } | { kind: 'declined'; reason: string } | { kind: 'aborted' };
    const end = await new Promise<End>((resolve) => {
      let timer: ReturnType<typeof setInterval> | undefined;
      const finish = (outcome: End) => {
        clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
        loaded.worker.terminate();
        resolve(outcome);
      };
      const onAbort = () => finish({ kind: 'aborted' });
      if (signal?.aborted) return finish({ kind: 'aborted' });
      signal?.addEventListener('abort', onAbort, { once: true });
      loaded.listen((message) => {
        const now = performance.now();
        if (message.type === 'beat') watch.lastBeatAt = now;
        else if (message.type === 'print') {
          output = (output + message.text).slice(-outputTailChars);
          outputBytes = message.bytes;
        } else if (message.type === 'decline') finish({ kind: 'declined', reason: message.reason });
        else if (message.type === 'event') {
          const event = message.event;
          events.push(event);
          if (event.type === 'loaded') watch.loadedAt ??= now;
          if (event.type === 'collected') watch.collectedAt ??= now;
          if (event.type === 'start' || event.type === 'end') watch.lastBeatAt = now;
          if (event.type === 'done') finish({ kind: 'done' });
        }
      });
      loaded.failed((message) => finish({ kind: 'crashed', message }));
      timer = setInterval(() => {
        watch.now = performance.now();
        const expired = expiry(watch, { limitMs: timeLimitMs, startupBudgetMs });
        if (expired) finish({ kind: 'killed', expiry: expired });
      }, watchEveryMs);
      void loaded.ready.then(
        () => loaded.worker.postMessage({ type: 'grade', files: workspaceFiles(request), testTimeoutMs: request.exercise.testTimeoutMs }),
        () => {},
      );
    });
    if (end.kind === 'aborted') throw new DOMException('The run was cancelled', 'AbortError');
    if (end.kind === 'declined') throw new RuntimeUnavailable('needs-node', end.reason, 'It is graded by Node instead.');
    if (end.kind === 'crashed' && !events.some((e) => e.type === 'loaded')) {
      throw new RuntimeUnavailable('prepare-failed', `The in-page test tools failed to start: ${end.message}`, 'Reload the page, or grade locally.');
    }
    const failed = events.some((e) => (e.type === 'end' && e.status === 'fail') || e.type === 'module-error' || e.type === 'unhandled-error');
    return buildReport(events, {
      exercise: request.exercise.id,
      durationMs: performance.now() - started,
      killed: end.kind === 'killed',
      expiry: end.kind === 'killed' ? end.expiry : undefined,
      startupBudgetMs,
      limitMs: timeLimitMs,
      exitCode: end.kind === 'killed' ? null : end.kind === 'done' ? (failed ? 1 : 0) : 1,
      output: end.kind === 'crashed' ? `${output}\n${end.message}` : output,
      outputBytes,
      workspaceDir: BROWSER_WORKSPACE,
    });
  }

  return {
    kind: 'browser',
    async prepare(onStep: OnStep) {
      spare ??= load(options.createWorker);
      const loaded = spare;
      onStep({ step: 'preparing', label: 'Loading the test tools into this page' });
      try {
        await loaded.ready;
      } catch (error) {
        if (spare === loaded) spare = undefined;
        throw new RuntimeUnavailable('prepare-failed', `The in-page test tools failed to load: ${(error as Error).message}`, 'Reload the page, or grade locally.');
      }
    },
    grade(request: GradeRequest, onStep: OnStep, signal?: AbortSignal): Promise<GradeReport> {
      // One run at a time, as in the other runtimes: a second Run waits for the first.
      const result = queue.then(() => run(request, onStep, signal));
      queue = result.catch(() => {});
      return result;
    },
  };
}
