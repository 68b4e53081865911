// The site build that the end-to-end project's globalSetup starts and does not wait for (tests/e2e/global-setup.ts):
// where it says it is running and how it ended, so that a test file can wait for it before it reads dist/ (the
// end-to-end files) or writes what the build also writes (typecheck.test.ts runs `astro sync`, which writes .astro/).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../node_modules/.cache/e2e-build/', import.meta.url));
const STATE = join(DIR, 'state.json');

interface State {
  /** The Vitest main process that started the build: its workers' parent. */
  pid: number;
  status: string;
}

/** Called by the globalSetup: a fresh state for this run; returns where to write the outcome and the log. */
export function startState(): { status: string; log: string } {
  const dir = join(DIR, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const status = join(dir, 'status.json');
  writeFileSync(STATE, JSON.stringify({ pid: process.pid, status } satisfies State));
  return { status, log: join(dir, 'build.log') };
}

/** The build of this test run, if this run started one (the state names our parent, the Vitest main process). */
function ours(): State | undefined {
  if (!existsSync(STATE)) return undefined;
  const state = JSON.parse(readFileSync(STATE, 'utf8')) as State;
  return state.pid === process.ppid ? state : undefined;
}

/** Waits for this run's site build, if there is one; throws with its output when it failed. */
export async function awaitSiteBuild(required: boolean): Promise<void> {
  const state = ours();
  if (!state) {
    if (required) throw new Error('no site build was started for this run: run the end-to-end tests through vitest (its e2e project builds the site)');
    return;
  }
  for (let waited = 0; !existsSync(state.status); waited += 200) {
    if (waited > 300_000) throw new Error('the site build did not finish within 5 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = JSON.parse(readFileSync(state.status, 'utf8')) as { ok: boolean; code: number | null; log: string; error?: string };
  if (!result.ok && required) {
    throw new Error(`building the site failed (exit ${result.code}${result.error ? `, ${result.error}` : ''}):\n${readFileSync(result.log, 'utf8').slice(-4000)}`);
  }
}
