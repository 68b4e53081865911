/// <reference lib="webworker" />
// The browser runtime's Web Worker: grades one run of an exercise whose code needs no Node API, in the page, with
// the same hidden grader.test.ts that Node runs. What it uses of Vitest is Vitest itself, at the project's pinned
// version: its TestRunner (the one Node's worker runs), @vitest/runner's startTests, and the `vitest` module the
// grader imports (describe, test, expect, and `vi` with the same fake-timer engine). Only what Node's worker gets
// from the file system and Vite is replaced:
//   - Types are stripped with Sucrase, which keeps every line where it was, so stack frames point at the learner's
//     lines; each file becomes a module from a blob: URL named /workspace/<path> for stack traces (sourceURL).
//   - Import specifiers are rewritten with es-module-lexer: `vitest` to this worker's Vitest, `#subject/*` and
//     `#support/*` as the workspace's package.json maps them, relative paths, and node:timers/promises to the same
//     module over the global timers that Node's grading workspace aliases it to.
//   - The journal (journal-hooks.ts, shared with Node's setup file) and a heartbeat go to the page by postMessage,
//     which the page's watchdog reads as Node's runner reads the journal and heartbeat files. A loop that never
//     yields stops the heartbeat; the page then ends this worker and a fresh one serves the next run.
import { transform } from 'sucrase';
import { init as lexerReady, parse } from 'es-module-lexer';
import * as vitest from 'vitest';
import { TestRunner } from 'vitest';
import { format, setSafeTimers, startTests } from 'vitest/internal/browser';
import type { RunnerTestFile as RunnerFile } from 'vitest';
import * as timersPromises from '../grading/in-vitest/timers-promises.ts';
import { GUARDED_GLOBALS, installJournalHooks, OUTPUT_TAIL_CHARS } from '../grading/in-vitest/journal-hooks.ts';
import { describeLoadError, describeUncaught, type JournalEvent } from '../grading/journal.ts';
import { HEARTBEAT_MS } from '../grading/watchdog.ts';
import { GRADER_FILE as GRADER, type FileMap } from '../grading/workspace.ts';
import { BROWSER_WORKSPACE, type FromWorker, type GradeMessage } from './browser-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;
const post = (message: FromWorker): void => self.postMessage(message);
const write = (event: JournalEvent): void => post({ type: 'event', event });

// The real timers, before the learner's code or the fake clock can replace them. Vitest's runner keeps its own copy
// (its "safe timers", which Node's Vitest worker sets at start-up): a test's timeout must run on real time even while
// the test has the fake clock installed.
setSafeTimers();
const realSetInterval = globalThis.setInterval.bind(globalThis);
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

const SETUP = `${BROWSER_WORKSPACE}/grading/journal-setup`;
const MODULES = Symbol.for('concurrent-typescript.browser-modules');

// ---------------------------------------------------------------------------------------------------------------
// Modules: the workspace's files as blob: URLs, each importing the others by URL.

class Decline extends Error {}

/** Where an import specifier points, as a workspace path or one of the modules the worker provides. */
function resolveSpecifier(specifier: string, from: string, files: FileMap): string {
  if (specifier === 'vitest') return 'builtin:vitest';
  if (specifier === 'node:timers/promises' || specifier === 'timers/promises') return 'builtin:timers/promises';
  let path: string | undefined;
  if (specifier.startsWith('#subject/')) path = `subject/${specifier.slice('#subject/'.length)}`;
  else if (specifier.startsWith('#support/')) path = `subject/support/${specifier.slice('#support/'.length)}`;
  else if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const parts = from.split('/').slice(0, -1);
    for (const part of specifier.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    path = parts.join('/');
  }
  if (path === undefined) throw new Decline(`${from} imports "${specifier}", which the in-page runtime does not have`);
  // TypeScript lets `./x.js` name `./x.ts`; Node's grading resolves both.
  for (const candidate of [path, path.replace(/\.js$/, '.ts'), path.replace(/\.mjs$/, '.mts'), `${path}.ts`]) if (candidate in files) return candidate;
  throw new Error(`Cannot find module '${specifier}' imported from ${from}`);
}

/** Strips types; a syntax error becomes a load error that names the file, line and column, as Node's does. */
function toJavaScript(path: string, text: string): string {
  if (!/\.[cm]?ts$/.test(path)) return text;
  try {
    return transform(text, { transforms: ['typescript'], disableESTransforms: true, filePath: path }).code;
  } catch (error) {
    const { message, loc } = error as { message: string; loc?: { line: number; column: number } };
    const where = loc ? `${BROWSER_WORKSPACE}/${path}:${loc.line}:${loc.column + 1}` : `${BROWSER_WORKSPACE}/${path}`;
    throw new SyntaxError(`${where}: ${message.replace(/\s*\(\d+:\d+\)$/, '')}`);
  }
}

function blobUrl(code: string): string {
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

/** Every module of the workspace that the grader reaches, as a blob: URL by workspace path. */
function buildModules(files: FileMap): Map<string, string> {
  const urls = new Map<string, string>();
  const namespace = `globalThis[Symbol.for(${JSON.stringify(MODULES.description)})]`;
  const reexport = (key: string, names: string[]) =>
    `const m = ${namespace}[${JSON.stringify(key)}];\n` + names.map((n) => `export const ${n} = m.${n};`).join('\n') + '\nexport default m.default ?? m;\n';
  const identifiers = (object: object) => Object.keys(object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
  urls.set('builtin:vitest', blobUrl(reexport('vitest', identifiers(vitest))));
  urls.set('builtin:timers/promises', blobUrl(reexport('timers/promises', identifiers(timersPromises))));
  const visiting = new Set<string>();
  const visit = (path: string): string => {
    const done = urls.get(path);
    if (done) return done;
    if (visiting.has(path)) throw new Decline(`${path} is part of an import cycle, which the in-page runtime does not load`);
    visiting.add(path);
    const code = toJavaScript(path, files[path]!);
    const [imports] = parse(code, path);
    let out = '';
    let at = 0;
    for (const entry of imports) {
      if (entry.n === undefined || entry.d === -2) continue;
      const dynamic = entry.d > -1;
      const literal = code.slice(entry.s, entry.e);
      if (dynamic && !/^['"]/.test(literal)) continue;
      const url = visit(resolveSpecifier(entry.n, path, files));
      out += code.slice(at, entry.s) + (dynamic ? JSON.stringify(url) : url);
      at = entry.e;
    }
    out += code.slice(at) + `\n//# sourceURL=${BROWSER_WORKSPACE}/${path}\n`;
    visiting.delete(path);
    const url = blobUrl(out);
    urls.set(path, url);
    return url;
  };
  visit(GRADER);
  return urls;
}

// ---------------------------------------------------------------------------------------------------------------
// What Node's journal-setup.ts does with process internals: output, timers the learner's code leaves running.

let printed = 0;
let printedTail = '';
/** Text sent to the page as it is printed, so a run ended for hanging still shows what came before. */
let streamed = 0;
const STREAM_LIMIT = 64 * 1024;
const encoder = new TextEncoder();

function capturePrints(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[method] = (...args: unknown[]) => {
      const text = format(...args) + '\n';
      printed += encoder.encode(text).byteLength;
      printedTail = (printedTail + text).slice(-OUTPUT_TAIL_CHARS);
      if (streamed < STREAM_LIMIT) {
        streamed += text.length;
        post({ type: 'print', text, bytes: printed });
      }
    };
  }
}

/** Timers created from the learner's files (found by their path in the stack) and still pending. */
const learnerTimers = new Map<unknown, string>();

function calledFromLearnerCode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack.includes(`${BROWSER_WORKSPACE}/subject/`);
}

function trackTimers(): void {
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = globalThis;
  // The callback runs under a frame named as Node's timer frame, so an error it throws is described the same way
  // ("thrown from a setTimeout or setInterval callback"): see callbackKind in grading/journal.ts.
  const named = (callback: unknown, after: () => void) =>
    typeof callback === 'function'
      ? function listOnTimeout(this: unknown, ...args: unknown[]) {
          after();
          return (callback as (...a: unknown[]) => unknown).apply(this, args);
        }
      : callback;
  globalThis.setTimeout = Object.assign(function setTimeout(callback: unknown, delay?: number, ...args: unknown[]) {
    if (!calledFromLearnerCode()) return st(callback as TimerHandler, delay, ...args);
    const id: number = st(named(callback, () => learnerTimers.delete(id)) as TimerHandler, delay, ...args);
    learnerTimers.set(id, `a setTimeout of ${Math.max(1, Number(delay) || 1)} ms`);
    return id;
  }, st) as typeof globalThis.setTimeout;
  globalThis.setInterval = Object.assign(function setInterval(callback: unknown, delay?: number, ...args: unknown[]) {
    if (!calledFromLearnerCode()) return si(callback as TimerHandler, delay, ...args);
    const id: number = si(named(callback, () => {}) as TimerHandler, delay, ...args);
    learnerTimers.set(id, `a setInterval every ${Math.max(1, Number(delay) || 1)} ms`);
    return id;
  }, si) as typeof globalThis.setInterval;
  globalThis.clearTimeout = function clearTimeout(id?: number) {
    learnerTimers.delete(id);
    ct(id);
  } as typeof globalThis.clearTimeout;
  globalThis.clearInterval = function clearInterval(id?: number) {
    learnerTimers.delete(id);
    ci(id);
  } as typeof globalThis.clearInterval;
}

// ---------------------------------------------------------------------------------------------------------------
// Vitest: the worker state its TestRunner and `vi` read (what Node's Vitest worker sets up), and the runner.

const snapshotEnvironment = {
  getVersion: () => '1',
  getHeader: () => '',
  resolvePath: async (path: string) => `${path}.snap`,
  resolveRawPath: async (_test: string, raw: string) => raw,
  readSnapshotFile: async () => null,
  saveSnapshotFile: async () => {},
  removeSnapshotFile: async () => {},
  prepareDirectory: async () => {},
};

function workerState(testTimeoutMs: number) {
  // The values Node's grading run resolves (vitest.config.mjs in grading/workspace.ts, with Vitest's defaults).
  const config = {
    root: BROWSER_WORKSPACE,
    name: '',
    setupFiles: [SETUP],
    testTimeout: testTimeoutMs,
    hookTimeout: testTimeoutMs,
    sequence: { hooks: 'stack', setupFiles: 'parallel', shuffle: false, concurrent: false, seed: 0 },
    fakeTimers: { loopLimit: 10_000, shouldClearNativeTimers: true },
    maxConcurrency: 5,
    allowOnly: false,
    tags: [],
    strictTags: true,
    expect: {},
    snapshotOptions: { updateSnapshot: 'none', expand: false, snapshotFormat: {}, snapshotEnvironment },
    experimental: { importDurations: { print: false, failOnDanger: false, limit: 0, thresholds: { warn: 100, danger: 500 } }, viteModuleRunner: true },
    env: {},
    defines: {},
    isolate: true,
    clearMocks: false,
    mockReset: false,
    restoreMocks: false,
    unstubEnvs: false,
    unstubGlobals: false,
  };
  const noop = () => {};
  return {
    ctx: { pool: 'browser' },
    config,
    environment: { name: 'browser' },
    evaluatedModules: { idToModuleMap: new Map(), getModuleById: noop, invalidateModule: noop },
    resolvingModules: new Set(),
    moduleExecutionInfo: new Map(),
    durations: { environment: 0, prepare: 0 },
    rpc: new Proxy({}, { get: () => async () => undefined }),
    onCancel: noop,
    onCleanup: noop,
    providedContext: {},
    onFilterStackTrace: (stack: string) => stack,
    metaEnv: {},
    filepath: `${BROWSER_WORKSPACE}/${GRADER}`,
    current: undefined as { type?: string; name?: string } | undefined,
  };
}

/** Vitest's own TestRunner, importing the workspace's modules from their blob: URLs; `setup` is the setup file. */
function runGrader(state: ReturnType<typeof workerState>, urls: Map<string, string>, setup?: () => void): Promise<RunnerFile[]> {
  class BrowserRunner extends TestRunner {
    override importFile(filepath: string, source: 'collect' | 'setup'): Promise<unknown> {
      if (source === 'setup') {
        setup?.();
        return Promise.resolve();
      }
      return import(/* @vite-ignore */ urls.get(filepath.slice(BROWSER_WORKSPACE.length + 1))!);
    }
  }
  if (!setup) state.config.setupFiles = [];
  const runner = new BrowserRunner(state.config as never);
  runner.__setTraces({ $: (_name: string, options: unknown, callback?: () => unknown) => (callback ?? (options as () => unknown))() } as never);
  return startTests([`${BROWSER_WORKSPACE}/${GRADER}`], runner as unknown as Parameters<typeof startTests>[1]);
}

function provideState(testTimeoutMs: number): ReturnType<typeof workerState> {
  const state = workerState(testTimeoutMs);
  Object.defineProperty(globalThis, '__vitest_worker__', { value: state, configurable: true, writable: true, enumerable: false });
  (globalThis as Record<symbol, unknown>)[MODULES] = { vitest, 'timers/promises': timersPromises };
  return state;
}

async function grade(message: GradeMessage): Promise<void> {
  write({ type: 'loaded' });
  realSetInterval(() => post({ type: 'beat' }), HEARTBEAT_MS);
  const state = provideState(message.testTimeoutMs);

  let urls: Map<string, string>;
  try {
    urls = buildModules(message.files);
  } catch (error) {
    if (error instanceof Decline) return post({ type: 'decline', reason: error.message });
    write({ type: 'module-error', message: describeLoadError(error as Error) });
    write({ type: 'output', bytes: 0, text: '' });
    return write({ type: 'done' });
  }

  // Errors no test can catch: Node's Vitest hands them to the workspace's onUnhandledError (in-vitest/reporter.ts).
  const testName = () => (state.current?.type === 'test' ? state.current.name : undefined);
  self.addEventListener('error', (event) => {
    event.preventDefault();
    const error = event.error as Error | undefined;
    write({ type: 'unhandled-error', message: describeUncaught({ name: error?.name, message: error?.message ?? event.message, stack: error?.stack, type: 'Uncaught Exception', VITEST_TEST_NAME: testName() }) });
  });
  self.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    const reason = event.reason as Error | undefined;
    const thrown = reason instanceof Error ? reason : { name: 'Error', message: String(reason) };
    write({ type: 'unhandled-error', message: describeUncaught({ name: thrown.name, message: thrown.message, stack: (thrown as Error).stack, type: 'Unhandled Rejection', VITEST_TEST_NAME: testName() }) });
  });

  capturePrints();
  trackTimers();
  const guarded = new Map<string, unknown>(GUARDED_GLOBALS.map((name) => [name, globalThis[name as keyof typeof globalThis]]));
  const subject = Object.fromEntries(Object.entries(message.files).flatMap(([path, text]) => (/^subject\/[^/]+$/.test(path) ? [[path.slice('subject/'.length), text]] : [])));

  const setup = () =>
        installJournalHooks({
          write,
          subject,
          guarded,
          current: (name) => globalThis[name as keyof typeof globalThis],
          afterTests() {
            write({ type: 'output', bytes: printed, text: printedTail });
            if (learnerTimers.size) write({ type: 'leaked-timers', timers: [...learnerTimers.values()] });
          },
        });
  let files: RunnerFile[] = [];
  try {
    files = await runGrader(state, urls, setup);
  } catch (error) {
    write({ type: 'module-error', message: describeLoadError(error as Error) });
  }
  for (const file of files) for (const error of file.result?.errors ?? []) write({ type: 'module-error', message: describeLoadError(error) });
  // A load error skips the setup file's afterAll: still say what was printed.
  if (files.some((f) => f.result?.errors?.length) || !files.length) write({ type: 'output', bytes: printed, text: printedTail });
  // The end is said from later tasks, as Node's worker reports it over IPC: code that keeps the thread busy after
  // the last test (an endless chain of microtasks) then never lets it be said, and the watchdog ends the run as
  // Node's does. Three turns, because Chromium fires `unhandledrejection` for a promise rejected in one task only
  // after the next task has run (measured: after a timeout queued later, before a timeout queued from that one).
  const later = (turns: number, then: () => void): unknown => realSetTimeout(() => (turns > 1 ? later(turns - 1, then) : then()), 0);
  later(3, () => write({ type: 'done' }));
}

let started = false;
self.addEventListener('message', (event: MessageEvent<GradeMessage>) => {
  if (event.data?.type !== 'grade' || started) return;
  started = true;
  void grade(event.data);
});
void lexerReady.then(() => post({ type: 'ready' }));
