// Shared by the end-to-end tests: build the site once, serve it on loopback with `astro preview`, and drive
// Debian's Chromium through playwright-core. Tests never download a browser.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { cleanEnv } from '../../src/lib/runner/clean-env.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = `${ROOT}node_modules/node/bin/node`;
const ASTRO = `${ROOT}node_modules/astro/bin/astro.mjs`;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const siteEnv = () => cleanEnv({ ASTRO_TELEMETRY_DISABLED: '1' });

/** What `npm run build` does: the sandbox runtime's snapshot, then the site. */
export function buildSite(): void {
  const runtime = spawnSync(NODE, ['scripts/build-sandbox-runtime.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: siteEnv() });
  if (runtime.status !== 0) throw new Error(`building the sandbox runtime failed:\n${runtime.stdout}\n${runtime.stderr}`);
  const r = spawnSync(NODE, [ASTRO, 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: siteEnv() });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Site {
  url: string;
  stop(): void;
}

/** `npm run preview` (scripts/preview.ts: the built site, isolation headers, local grading) or `astro dev`. */
export async function serve(mode: 'preview' | 'dev' = 'preview'): Promise<Site> {
  const port = await freePort();
  const args = mode === 'preview' ? ['scripts/preview.ts', '--host', '127.0.0.1', '--port', String(port)] : [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)];
  const child: ChildProcess = spawn(NODE, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: siteEnv(),
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${mode} server did not answer on ${url}`);
}

export async function launch(): Promise<Browser> {
  // Each test that needs a fresh profile opens a new browser context: contexts share no storage.
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // Flags that keep Chromium from reaching for Google's services, which this machine's network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Records what a person would notice going wrong on a page: console errors, page errors, failed requests. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // Leaving a page aborts what it was still fetching (say, the sandbox as it scrolled into view): no problem.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });
  return problems;
}

/** A served site and a launched browser for one test file: started before its tests, stopped after them. */
export interface SiteSession {
  readonly site: Site;
  readonly browser: Browser;
}

/** Serves the built site (`npm run preview`, or `astro dev`) and launches Chromium around the calling file's tests. */
export function useSite(mode: 'preview' | 'dev' = 'preview'): SiteSession {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serve(mode);
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    site?.stop();
  });
  return {
    get site() {
      if (!site) throw new Error('useSite: the site is not being served yet (use it inside a test or hook)');
      return site;
    },
    get browser() {
      if (!browser) throw new Error('useSite: the browser is not launched yet (use it inside a test or hook)');
      return browser;
    },
  };
}

/**
 * For the many one-page-per-item tests (a page per glossary term, lesson, exercise): one page reused across the
 * file's tests, which saves about 0.7 s a visit against a new page each time. Each visit starts a fresh list of
 * problems, so a test sees only what went wrong on its own page.
 */
export function sharedPage(
  env: SiteSession,
  /** 'load' for pages whose content is in the HTML: it skips networkidle's half second of quiet per visit. */
  waitUntil: 'networkidle' | 'load' = 'networkidle',
): (path: string) => Promise<{ page: Page; problems: string[] }> {
  let shared: { page: Page; problems: string[] } | undefined;
  afterAll(async () => {
    await shared?.page.close();
  });
  return async (path) => {
    if (!shared) {
      const page = await env.browser.newPage();
      shared = { page, problems: watchForProblems(page) };
    }
    shared.problems.length = 0;
    await shared.page.goto(env.site.url + path, { waitUntil });
    return shared;
  };
}

/**
 * Brings a page's sandbox into use as a learner does: scroll to it and move the pointer over it. A lesson's sandbox
 * loads when it comes into view; the exercise page's, which is in view from the start, at the first interaction.
 */
export async function openSandbox(page: Page, timeout = 30_000): Promise<void> {
  const sandbox = page.locator('ct-sandbox').first();
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.hover({ position: { x: 5, y: 5 } });
  await page.locator('ct-sandbox .cm-content').first().waitFor({ timeout });
}
