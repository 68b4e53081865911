/**
 * When a grading run has gone on too long, and whose fault that is. Pure, so the local runner and the WebContainer
 * runtime apply the same rule: the exercise's time limit is for the learner's code, not for the test tools.
 *
 * - Starting Vitest, until its worker writes `loaded` to the journal, has its own generous budget. Running out of it
 *   is the tools' fault (`startup`: an `error` verdict, never a timeout).
 * - From `loaded`, the worker appends to a heartbeat file several times a second (in-vitest/journal-setup.ts). A
 *   silence as long as the limit means the learner's code holds the thread: a synchronous or microtask loop, at the
 *   top level of the file or in a test (`blocked`: a timeout that names what was running).
 * - While the grader and the learner's module load (`loaded` to `collected`), the worker mostly waits for the tools
 *   to transform files, which can be slow (esbuild-wasm on a busy laptop). That wait is not counted against the
 *   learner: only the start-up budget on top of the limit ends it (`load`: an `error` verdict).
 * - Once the tests run (`collected`), the limit counts in full (`tests`: a timeout).
 */
export interface WatchState {
  /** performance.now() values, in ms. */
  now: number;
  spawnedAt: number;
  loadedAt?: number | undefined;
  collectedAt?: number | undefined;
  /** The last time the heartbeat file was seen to grow. */
  lastBeatAt?: number | undefined;
}

export interface WatchLimits {
  /** The exercise's time limit. */
  limitMs: number;
  /** What the test tools may take to start, on top of the limit. */
  startupBudgetMs: number;
}

export type Expiry = 'startup' | 'blocked' | 'load' | 'tests';

/** Generous: a busy 2-core machine running WebAssembly tools can need tens of seconds to start Vitest. */
export const STARTUP_BUDGET_MS = 60_000;
/** How often the worker beats; the watchdog reads it a few times as often. */
export const HEARTBEAT_MS = 200;
export const HEARTBEAT_FILE = 'heartbeat';

export function expiry(state: WatchState, limits: WatchLimits): Expiry | undefined {
  const { now, loadedAt, collectedAt } = state;
  if (loadedAt === undefined) return now - state.spawnedAt > limits.startupBudgetMs ? 'startup' : undefined;
  if (now - Math.max(state.lastBeatAt ?? loadedAt, loadedAt) > limits.limitMs) return 'blocked';
  if (collectedAt !== undefined) return now - collectedAt > limits.limitMs ? 'tests' : undefined;
  return now - loadedAt > limits.limitMs + limits.startupBudgetMs ? 'load' : undefined;
}

/** Follows a run's journal and heartbeat texts (as read by the caller) and says when to stop it. */
export class Watchdog {
  readonly #limits: WatchLimits;
  readonly #state: WatchState;
  #beatLength = 0;

  constructor(limits: WatchLimits, spawnedAt: number) {
    this.#limits = limits;
    this.#state = { now: spawnedAt, spawnedAt };
  }

  /** Feeds what was read at `now`; returns the expiry once the run must be stopped. */
  check(now: number, journal: string, heartbeat: string): Expiry | undefined {
    const state = this.#state;
    state.now = now;
    if (state.loadedAt === undefined && journal.includes('"type":"loaded"')) state.loadedAt = now;
    if (state.collectedAt === undefined && journal.includes('"type":"collected"')) state.collectedAt = now;
    if (heartbeat.length !== this.#beatLength) {
      this.#beatLength = heartbeat.length;
      state.lastBeatAt = now;
    }
    return expiry(state, this.#limits);
  }

  /** When the learner's code started to load, if it did. */
  get loadedAt(): number | undefined {
    return this.#state.loadedAt;
  }
}
