// Runs one exercise's grader with Vitest in a child process (Node only), under a hard wall-clock limit that
// kills the whole process tree. Used by the CLI, the project's tests and the dev server's grading endpoint.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { GradeReport } from '../schemas/report.ts';
import { buildReport, tail } from '../grading/report.ts';
import { JOURNAL_FILE, parseJournalText, type JournalEvent } from '../grading/journal.ts';
import { HEARTBEAT_FILE, HEARTBEAT_MS, STARTUP_BUDGET_MS, Watchdog, type Expiry } from '../grading/watchdog.ts';
import { buildWorkspace, RUNTIME_FILES, type FileMap } from '../grading/workspace.ts';
import { PROJECT_ROOT, readSupport, type Exercise } from '../exercises/load.ts';
import { cleanEnv } from './clean-env.ts';

const require = createRequire(import.meta.url);
const VITEST_BIN = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const GRADING_DIR = join(PROJECT_ROOT, 'src/lib/grading');
const WORK_ROOT = join(PROJECT_ROOT, '.grading');
const OUTPUT_TAIL = 8000;

/** Progress while a run goes on, for the CLI's live display. */
export type ProgressEvent =
  | { type: 'start'; name: string; task?: number | undefined }
  | { type: 'end'; name: string; task?: number | undefined; status: 'pass' | 'fail' | 'skip' };

export interface RunOptions {
  exercise: Exercise;
  /** The learner's files, by learner file name. */
  subject: FileMap;
  /** The Node binary that runs Vitest; defaults to the one running this code. */
  nodePath?: string;
  /** Overrides the exercise's time limit (tests of the runner itself use this). */
  limitMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** What the test tools may take to start, on top of the limit (tests of the watchdog make it small). */
  startupBudgetMs?: number;
  /** Called when the test tools have started and the learner's code begins to load: the time limit runs from here. */
  onLoaded?: () => void;
  /** Keep the grading workspace on disk afterwards, for debugging a grader. */
  keepWorkspace?: boolean;
  /**
   * Where workspaces are written and which Vitest runs them: by default the project's own. The sandbox runtime's
   * tests point these at sandbox-runtime/ to grade with exactly the packages WebContainer gets.
   */
  toolchain?: { workRoot: string; vitestBin: string };
}

let runtimeFiles: FileMap | undefined;
function loadRuntimeFiles(): FileMap {
  runtimeFiles ??= Object.fromEntries(RUNTIME_FILES.map((name) => [name, readFileSync(join(GRADING_DIR, name), 'utf8')]));
  return runtimeFiles;
}

// Process groups still running; killed if this process exits first (Ctrl+C on the CLI, a crashed test).
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) killGroup(group);
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Writes a workspace (a path -> text map) below `dir`, with an empty journal for the run to append to. */
export function writeWorkspace(dir: string, files: FileMap): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const journalPath = join(dir, 'grading', JOURNAL_FILE);
  writeFileSync(journalPath, '');
  return journalPath;
}

/** The grading workspace of one exercise for one set of learner files. */
export function workspaceFor(exercise: Exercise, subject: FileMap): FileMap {
  return buildWorkspace({
    grader: readFileSync(join(exercise.dir, 'grader.test.ts'), 'utf8'),
    subject,
    support: readSupport(exercise),
    runtime: loadRuntimeFiles(),
    testTimeoutMs: exercise.meta.testTimeoutMs,
    threadFiles: exercise.meta.threadFiles,
  });
}

export const DEFAULT_TOOLCHAIN = { workRoot: WORK_ROOT, vitestBin: VITEST_BIN };

/** What a Vitest process did, seen from outside. */
export interface VitestRun {
  exitCode: number | null;
  killed: boolean;
  /** Why the watchdog stopped the run, when it did (see src/lib/grading/watchdog.ts). */
  expiry?: Expiry | undefined;
  durationMs: number;
  output: string;
  outputBytes: number;
}

/**
 * Runs `vitest run --config vitest.config.mjs` in `cwd` in its own process group, keeps a bounded tail of what it
 * prints, and kills the whole group at `limitMs`.
 */
export async function spawnVitest(options: {
  cwd: string;
  nodePath?: string | undefined;
  vitestBin: string;
  limitMs: number;
  /** Kills the run early (it then counts as killed). */
  signal?: AbortSignal;
  /** Stops the run by the watchdog's rule, reading this workspace's journal and heartbeat. */
  watch?: { dir: string; limitMs: number; startupBudgetMs: number; onLoaded?: (() => void) | undefined };
}): Promise<VitestRun> {
  const started = performance.now();
  let output = '';
  let outputBytes = 0;
  let killed = false;
  const child = spawn(options.nodePath ?? process.execPath, [options.vitestBin, 'run', '--config', 'vitest.config.mjs'], {
    cwd: options.cwd,
    // Its own process group, so the watchdog kills Vitest and every worker it forked in one go.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv({ FORCE_COLOR: '0', NO_COLOR: '1', CI: '1', NODE_OPTIONS: '' }),
  });
  if (child.pid !== undefined) trackGroup(child.pid);
  const collect = (chunk: Buffer) => {
    outputBytes += chunk.length;
    output = tail(output + chunk.toString('utf8'), OUTPUT_TAIL);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const kill = () => {
    killed = true;
    if (child.pid !== undefined) killGroup(child.pid);
  };
  const watchdog = setTimeout(kill, options.limitMs);
  options.signal?.addEventListener('abort', kill, { once: true });
  let expired: Expiry | undefined;
  const watch = options.watch;
  const poll = watch
    ? (() => {
        const dog = new Watchdog({ limitMs: watch.limitMs, startupBudgetMs: watch.startupBudgetMs }, started);
        const read = (name: string) => {
          try {
            return readFileSync(join(watch.dir, 'grading', name), 'utf8');
          } catch {
            return '';
          }
        };
        let announced = false;
        return setInterval(() => {
          expired = dog.check(performance.now(), read(JOURNAL_FILE), read(HEARTBEAT_FILE));
          if (!announced && dog.loadedAt !== undefined) {
            announced = true;
            watch.onLoaded?.();
          }
          if (expired) kill();
        }, HEARTBEAT_MS / 2);
      })()
    : undefined;

  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      output += `\n${error.message}`;
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  clearTimeout(watchdog);
  clearInterval(poll);
  options.signal?.removeEventListener('abort', kill);
  if (child.pid !== undefined) {
    // Workers the learner's code left behind die with the group.
    killGroup(child.pid);
    liveGroups.delete(child.pid);
  }
  return { exitCode, killed, expiry: expired, durationMs: performance.now() - started, output: output.trim(), outputBytes };
}

export async function runGrader(options: RunOptions): Promise<GradeReport> {
  const { exercise } = options;
  const limitMs = options.limitMs ?? exercise.meta.timeLimitMs;
  const { workRoot, vitestBin } = options.toolchain ?? DEFAULT_TOOLCHAIN;
  const dir = join(workRoot, `${exercise.meta.id.replace('/', '--')}-${randomUUID().slice(0, 8)}`);
  const journalPath = writeWorkspace(dir, workspaceFor(exercise, options.subject));

  const startupBudgetMs = options.startupBudgetMs ?? STARTUP_BUDGET_MS;
  const progress = options.onProgress ? followJournal(journalPath, options.onProgress) : undefined;
  const run = await spawnVitest({
    cwd: dir,
    nodePath: options.nodePath,
    vitestBin,
    // A safety net only: the watchdog stops a run well before this.
    limitMs: 2 * startupBudgetMs + limitMs + 10_000,
    watch: { dir, limitMs, startupBudgetMs, onLoaded: options.onLoaded },
  });
  const events = existsSync(journalPath) ? parseJournalText(readFileSync(journalPath, 'utf8')) : [];
  progress?.stop(events);
  if (!options.keepWorkspace) rmSync(dir, { recursive: true, force: true });

  return buildReport(events, {
    exercise: exercise.meta.id,
    durationMs: run.durationMs,
    killed: run.killed,
    expiry: run.expiry,
    startupBudgetMs,
    limitMs,
    exitCode: run.exitCode,
    output: run.output,
    outputBytes: run.outputBytes,
    workspaceDir: dir,
  });
}

/** Polls the journal and reports tests as they start and finish. */
function followJournal(path: string, onProgress: (event: ProgressEvent) => void) {
  let seen = 0;
  const names = new Map<string, { name: string; task?: number | undefined }>();
  const emit = (events: JournalEvent[]) => {
    for (const event of events.slice(seen)) {
      if (event.type === 'collected') for (const t of event.tests) names.set(t.id, t);
      const test = 'id' in event ? names.get(event.id) : undefined;
      if (!test) continue;
      if (event.type === 'start') onProgress({ type: 'start', ...test });
      if (event.type === 'end') onProgress({ type: 'end', ...test, status: event.status });
    }
    seen = Math.max(seen, events.length);
  };
  const timer = setInterval(() => {
    try {
      emit(parseJournalText(readFileSync(path, 'utf8')));
    } catch {
      // The file is written concurrently; the next tick reads it again.
    }
  }, 50);
  return {
    stop(final: JournalEvent[]) {
      clearInterval(timer);
      emit(final);
    },
  };
}
