// Grading in the page, as a learner meets it on the built site: an exercise whose code needs no Node API is graded
// by the in-page runtime (a Web Worker with Vitest), even on a static host where no local Node answers and
// WebContainer cannot start; the results say so; code that hangs gets a timeout and the next run works; and code
// that uses a Node API is handed to local Node, with a word on why.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, useSite, watchForProblems, openSandbox } from './browser.ts';

const ID = 'promises/retry-with-backoff';
const read = (variant: string) => readFileSync(join(ROOT, 'exercises', ID, variant), 'utf8');
const SOLUTION = read('solution/retry.ts');
const WRONG = read('wrong/off-by-one-attempts.ts');
const HANGS = SOLUTION.replace('  let lastError: unknown;', '  let lastError: unknown;\n  while (attempts > 0) {}');
const NEEDS_NODE = `${SOLUTION}\nexport const later = () => new Promise<void>((resolve) => setImmediate(resolve));\n`;

const env = useSite('preview');

/** Requests for WebContainer: its snapshot from this site, or anything from StackBlitz's servers. */
const isWebContainer = (url: string) => url.includes('/sandbox/runtime') || /stackblitz|webcontainer/.test(new URL(url).hostname);

let context: BrowserContext;
let page: Page;
let problems: string[];
const webContainerRequests: string[] = [];
const gradeRequests: string[] = [];

beforeAll(async () => {
  context = await env.browser.newContext();
  context.on('request', (r) => {
    if (isWebContainer(r.url())) webContainerRequests.push(r.url());
    if (r.url().includes('/__grade') && r.method() === 'POST') gradeRequests.push(r.url());
  });
  page = await context.newPage();
  problems = watchForProblems(page);
  await page.goto(`${env.site.url}/exercises/${ID}/`);
  await openSandbox(page);
}, 60_000);
afterAll(() => context?.close());

async function typeCode(code: string): Promise<void> {
  await page.locator('ct-sandbox .cm-content').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

async function run(): Promise<{ verdict: string; runtime: string; gradedBy: string }> {
  const results = page.locator('ct-sandbox .ct-sb-results');
  await page.getByRole('button', { name: 'Run tests' }).click();
  await page.waitForFunction(() => {
    const r = document.querySelector('ct-sandbox .ct-sb-results');
    return r?.getAttribute('aria-busy') !== 'true' && r?.querySelector('.ct-sb-verdict');
  }, undefined, { timeout: 60_000 });
  return {
    verdict: (await page.locator('ct-sandbox .ct-sb-verdict').getAttribute('data-verdict')) ?? '',
    runtime: (await results.getAttribute('data-runtime')) ?? '',
    gradedBy: (await page.locator('ct-sandbox .ct-sb-graded-by').textContent()) ?? '',
  };
}

test('the page says up front that it grades this exercise itself, and names no third party', async () => {
  await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Graded in this page' }).waitFor({ timeout: 10_000 });
  expect(await page.locator('ct-sandbox .ct-sb-about').isHidden(), 'no StackBlitz notice where StackBlitz is not used').toBe(true);
});

test('the starter, a wrong solution and the reference get their verdicts from the in-page runtime, which the results name', async () => {
  const starter = await run();
  expect(starter).toMatchObject({ verdict: 'fail', runtime: 'browser' });
  expect(starter.gradedBy).toMatch(/Graded in this page/);
  await typeCode(WRONG);
  expect(await run()).toMatchObject({ verdict: 'fail', runtime: 'browser' });
  await typeCode(SOLUTION);
  expect(await run()).toMatchObject({ verdict: 'pass', runtime: 'browser' });
  expect(gradeRequests, 'local Node was not asked').toEqual([]);
  expect(webContainerRequests, 'WebContainer was not started').toEqual([]);
});

test('code that never yields gets a timeout naming the running test, and the next run grades normally', async () => {
  await typeCode(HANGS);
  const hung = await run();
  expect(hung).toMatchObject({ verdict: 'timeout', runtime: 'browser' });
  expect(await page.locator('ct-sandbox .ct-sb-results').textContent()).toMatch(/Still running when the \d+(\.\d+)? s limit/);
  await typeCode(SOLUTION);
  expect(await run()).toMatchObject({ verdict: 'pass', runtime: 'browser' });
});

test('code that uses a Node API is graded by local Node instead, and the page says why', async () => {
  await typeCode(NEEDS_NODE);
  const result = await run();
  expect(result).toMatchObject({ verdict: 'pass', runtime: 'local-node' });
  expect(await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'uses setImmediate' }).count()).toBe(1);
  expect(gradeRequests.length).toBe(1);
  // Back to code the page can run: the page grades it again, and says so.
  await typeCode(SOLUTION);
  expect(await run()).toMatchObject({ verdict: 'pass', runtime: 'browser' });
  expect(await page.locator('ct-sandbox .ct-sb-notice').textContent()).toMatch(/^Graded in this page/);
  expect(problems).toEqual([]);
});

test('on a static host without COOP/COEP (no local Node, no WebContainer) the page grades, and keeps grading offline', async () => {
  const staticHost = await env.browser.newContext();
  const requests: string[] = [];
  staticHost.on('request', (r) => void (isWebContainer(r.url()) && requests.push(r.url())));
  // As GitHub Pages serves it: no cross-origin isolation headers, and no grading endpoint.
  await staticHost.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await staticHost.route('**/__grade', (route) => route.fulfill({ status: 404, body: 'not here' }));
  try {
    const other = await staticHost.newPage();
    await other.goto(`${env.site.url}/exercises/${ID}/`);
    expect(await other.evaluate(() => crossOriginIsolated)).toBe(false);
    await openSandbox(other);
    const runHere = async () => {
      await other.getByRole('button', { name: 'Run tests' }).click();
      await other.waitForFunction(() => {
        const r = document.querySelector('ct-sandbox .ct-sb-results');
        return r?.getAttribute('aria-busy') !== 'true' && r?.querySelector('.ct-sb-verdict');
      }, undefined, { timeout: 30_000 });
      return [await other.locator('ct-sandbox .ct-sb-verdict').getAttribute('data-verdict'), await other.locator('ct-sandbox .ct-sb-results').getAttribute('data-runtime')];
    };
    expect(await runHere()).toEqual(['fail', 'browser']);
    // The network gone once the page has loaded: each run's fresh worker comes from the browser's cache.
    await staticHost.setOffline(true);
    expect(await runHere()).toEqual(['fail', 'browser']);
    expect(await runHere()).toEqual(['fail', 'browser']);
    expect(requests).toEqual([]);
  } finally {
    await staticHost.close();
  }
});
