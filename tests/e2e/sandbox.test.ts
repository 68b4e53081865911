// The in-browser sandbox as a learner meets it, against the served site. Where `npm run preview` (or dev) serves
// the page, local Node grades and WebContainer is never booted; where no local server answers (a static host,
// simulated by refusing the grading endpoint), WebContainer is used, and since it cannot reach its servers here,
// it must fail with a clear message, and Run must try again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, serve, useSite, watchForProblems, openSandbox } from './browser.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';
import { lessonPathWith } from '../../src/lib/content/load.ts';

/** The lesson page that embeds a sandbox (the exercise it follows). */
const SANDBOX_LESSON = lessonPathWith('<Sandbox exercise="event-loop/yield-to-the-loop"');

const ID = 'event-loop/yield-to-the-loop';
const read = (variant: string) => readFileSync(join(ROOT, 'exercises', ID, variant), 'utf8');
const SOLUTION = read('solution/chunks.ts');
const WRONG = read('wrong/no-yield.ts');
const LOOP = SOLUTION.replace('await new Promise<void>((resolve) => setImmediate(resolve));', 'while (true) {}');

const env = useSite('preview');

async function openExercise(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${env.site.url}/exercises/${ID}/`);
  await openSandbox(page);
  return page;
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('ct-sandbox .cm-content').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

const editorText = (page: Page) => page.locator('ct-sandbox .cm-content').first().evaluate((el) => (el as HTMLElement & { cmView?: unknown }).innerText);

/** Runs the tests as a learner does, on a page where local Node grades, and returns the verdict. */
async function gradeLocally(page: Page): Promise<string> {
  await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Grading with local Node' }).waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Run tests' }).click();
  const verdict = page.locator('ct-sandbox .ct-sb-verdict');
  await verdict.waitFor({ timeout: 40_000 });
  return (await verdict.getAttribute('data-verdict')) ?? '';
}

/** Requests for WebContainer: its snapshot from this site, or anything from StackBlitz's servers. */
const isWebContainer = (url: string) => url.includes('/sandbox/runtime') || /stackblitz|webcontainer/.test(new URL(url).hostname);

test('pages are cross-origin isolated in preview (COOP/COEP), as WebContainer needs', async () => {
  const response = await fetch(`${env.site.url}/exercises/${ID}/`);
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  const page = await env.browser.newPage();
  await page.goto(`${env.site.url}${SANDBOX_LESSON}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.close();
});

test('the sandbox loads lazily: no editor code until it scrolls into view', async () => {
  const page = await env.browser.newPage();
  const problems = watchForProblems(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`${env.site.url}${SANDBOX_LESSON}`, { waitUntil: 'networkidle' });
  const before = scripts.length;
  expect(await page.locator('ct-sandbox .cm-editor').count()).toBe(0);
  await page.locator('ct-sandbox').scrollIntoViewIfNeeded();
  await page.locator('ct-sandbox .cm-editor').waitFor({ timeout: 30_000 });
  expect(scripts.length, 'scripts fetched once the sandbox came into view').toBeGreaterThan(before);
  expect(problems).toEqual([]);
  await page.close();
});

describe('as on a static host (no local Node answers)', () => {
  test('with WebContainer unreachable, running shows which check failed and what to do within 35 s, and Run tries again', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    try {
      await context.route('**/__grade', (route) => route.fulfill({ status: 404, body: 'not here' }));
      // The page's own clock, which the test moves forward: the 30 s boot timeout is the page's, not the test's to sit out.
      await context.clock.install();
      const page = await openExercise(context);
      const about = page.locator('ct-sandbox .ct-sb-about');
      await about.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await about.textContent(), 'whose service grades here, and the way that needs none of it').toMatch(
        new RegExp(`StackBlitz’s WebContainer.*StackBlitz’s terms.*npm run grade -- ${ID}`),
      );
      await page.getByRole('button', { name: 'Run tests' }).click();
      const problem = page.locator('ct-sandbox .ct-sb-problem');
      await page.locator('ct-sandbox .ct-sb-steps', { hasText: /Starting the in-browser Node\.js/ }).waitFor({ timeout: 10_000 });
      await page.clock.fastForward(25_000);
      expect(await problem.isVisible(), 'still starting after 25 s').toBe(false);
      // By 35 s of the page's time the learner knows what failed and what to do.
      await page.clock.fastForward(10_000);
      await problem.waitFor({ state: 'visible', timeout: 3_000 });
      const text = await problem.textContent();
      expect(text).toContain('The tests cannot run in this browser.');
      expect(text).toContain(`npm run grade -- ${ID}`);
      expect(await problem.getAttribute('data-reason')).toMatch(/boot-timeout|boot-failed|smoke-test|prepare-failed/);
      expect(await page.getByRole('button', { name: 'download chunks.ts' }).count()).toBe(1);
      // Without a network the boot never finishes: a timeout, which the next Run tries again instead of keeping it
      // until a reload.
      expect(await problem.getAttribute('data-reason')).toBe('boot-timeout');
      await page.getByRole('button', { name: 'Run tests' }).click();
      await problem.waitFor({ state: 'hidden', timeout: 5_000 });
      await page.locator('ct-sandbox .ct-sb-steps', { hasText: /Starting the in-browser Node\.js|Checking that this browser/ }).waitFor({ timeout: 5_000 });
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('solving an exercise', () => {
  let context: BrowserContext;
  let page: Page;
  const webContainerRequests: string[] = [];
  beforeAll(async () => {
    context = await env.browser.newContext({ acceptDownloads: true });
    context.on('request', (r) => void (isWebContainer(r.url()) && webContainerRequests.push(r.url())));
    page = await openExercise(context);
  }, 60_000);
  afterAll(() => context?.close());

  test('where local Node serves the page, focusing the editor boots nothing and downloads no snapshot', async () => {
    await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Grading with local Node' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('ct-sandbox .ct-sb-about').isHidden(), 'no StackBlitz notice where StackBlitz is not used').toBe(true);
    await page.locator('ct-sandbox .cm-content').first().click();
    await page.waitForTimeout(500);
    expect(webContainerRequests).toEqual([]);
  });

  test('a wrong solution shows per-test failures grouped by task', async () => {
    await typeCode(page, WRONG);
    expect(await gradeLocally(page)).toBe('fail');
    const failed = page.locator('ct-sandbox .ct-sb-test[data-status="fail"]');
    expect(await failed.count()).toBeGreaterThan(0);
    expect(await page.locator('ct-sandbox .ct-sb-group h3').first().textContent()).toMatch(/^1\. Return every result, in order/);
    expect(await page.locator('ct-sandbox .ct-sb-status').textContent()).toBe('Attempted');
  }, 60_000);

  test('the reference passes and the status becomes "passed"', async () => {
    await typeCode(page, SOLUTION);
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.locator('ct-sandbox .ct-sb-verdict[data-verdict="pass"]').waitFor({ timeout: 40_000 });
    expect(await page.locator('ct-sandbox .ct-sb-test[data-status="fail"]').count()).toBe(0);
    expect(await page.locator('ct-sandbox .ct-sb-status').textContent()).toBe('Passed');
    expect(webContainerRequests, 'graded without WebContainer').toEqual([]);
  }, 60_000);

  test('reload keeps the code and the status, and local Node grades again', async () => {
    await page.reload();
    await openSandbox(page);
    expect(await editorText(page)).toContain('setImmediate');
    expect(await page.locator('ct-sandbox .ct-sb-status').textContent()).toBe('Passed');
    await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Grading with local Node' }).waitFor({ timeout: 10_000 });
  }, 60_000);

  test('reset to starter, then undo, brings the code back', async () => {
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    expect(await editorText(page)).toContain('TODO');
    await page.getByRole('button', { name: 'Undo reset' }).click();
    expect(await editorText(page)).toContain('setImmediate');
  });

  test('hints are revealed one at a time', async () => {
    const button = page.getByRole('button', { name: /Show a hint/ });
    await button.click();
    expect(await page.locator('.ct-ws-text .ct-sb-hints li').count(), 'hints sit in the instructions pane').toBe(1);
    await button.click();
    expect(await page.locator('.ct-ws-text .ct-sb-hints li').count()).toBe(2);
  });

  test('export, then import into a fresh browser profile, restores code and status', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = await (await download).path();
    const fresh = await env.browser.newContext();
    try {
      const other = await openExercise(fresh);
      expect(await other.locator('ct-sandbox .ct-sb-status').textContent()).toBe('Not started');
      const chooser = other.waitForEvent('filechooser');
      await other.getByRole('button', { name: 'Import progress' }).click();
      await (await chooser).setFiles(file);
      await other.locator('ct-sandbox .ct-sb-status', { hasText: 'Passed' }).waitFor({ timeout: 10_000 });
      expect(await editorText(other)).toContain('setImmediate');
      // Reload: the imported data is really stored.
      await other.reload();
      await openSandbox(other);
      expect(await editorText(other)).toContain('setImmediate');
    } finally {
      await fresh.close();
    }
  }, 90_000);

  test('a solution that loops forever gets "timeout" and the page stays responsive', async () => {
    await typeCode(page, LOOP);
    await page.getByRole('button', { name: 'Run tests' }).click();
    // While the tests run, the page keeps answering.
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1000);
    await page.getByRole('button', { name: /Show a hint|No more hints/ }).click();
    await page.locator('ct-sandbox .ct-sb-verdict[data-verdict="timeout"]').waitFor({ timeout: 40_000 });
    const hung = page.locator('ct-sandbox .ct-sb-test[data-status="fail"]').first();
    expect(await hung.textContent()).toMatch(/Still running when the 10 s limit/);
  }, 60_000);

  test('"Show solution" shows the reference beside the learner\'s code', async () => {
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.locator('ct-sandbox .cm-mergeView').waitFor({ timeout: 10_000 });
    expect(await page.locator('ct-sandbox .cm-merge-b .cm-content').textContent()).toContain('setImmediate');
  });
});

describe('an exercise WebContainer cannot grade truthfully (exercise.json webContainerUnsupported)', () => {
  const unsupported = listExercises().find((e) => e.meta.webContainerUnsupported);

  test('says so at once and grades with local Node, without trying to boot', async () => {
    expect(unsupported, 'an exercise marked webContainerUnsupported').toBeDefined();
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${env.site.url}/exercises/${unsupported!.meta.id}/`);
    await openSandbox(page);
    const notice = page.locator('ct-sandbox .ct-sb-notice', { hasText: 'cannot be graded in the browser sandbox' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain(unsupported!.meta.webContainerUnsupported);
    const started = Date.now();
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.locator('ct-sandbox .ct-sb-verdict').waitFor({ timeout: 40_000 });
    expect(await page.locator('ct-sandbox .ct-sb-verdict').getAttribute('data-verdict'), 'the starter, graded by local Node').toBe('fail');
    expect(Date.now() - started, 'no 30 s WebContainer boot first').toBeLessThan(25_000);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('where no local Node serves the page, it names the reason and the grade command instead of running', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    // As on a static host: no grading endpoint.
    await page.route('**/__grade', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${env.site.url}/exercises/${unsupported!.meta.id}/`);
    await openSandbox(page);
    const problem = page.locator('ct-sandbox .ct-sb-problem');
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await problem.textContent();
    expect(text).toContain('This exercise cannot be graded in the browser sandbox.');
    expect(text).toContain(`npm run grade -- ${unsupported!.meta.id}`);
    expect(await problem.getAttribute('data-reason')).toBe('exercise-unsupported');
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.locator('ct-sandbox .ct-sb-results', { hasText: 'The tests did not run' }).waitFor({ timeout: 5_000 });
    await context.close();
  }, 60_000);
});

test('the dev server sends COOP/COEP and grades with local Node', async () => {
  const dev = await serve('dev');
  try {
    const response = await fetch(`${dev.url}/exercises/${ID}/`);
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const health = (await (await fetch(`${dev.url}/__grade`)).json()) as { available: boolean };
    expect(health.available).toBe(true);
    const refused = await fetch(`${dev.url}/__grade`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{}' });
    expect(refused.status).toBe(403);
    const page = await env.browser.newPage();
    await page.goto(`${dev.url}/exercises/${ID}/`);
    // On a fresh clone Vite may still optimise dependencies and reload the page once: let it settle.
    await page.waitForLoadState('networkidle');
    let isolated: boolean | undefined;
    for (let attempt = 0; isolated === undefined && attempt < 3; attempt++) {
      isolated = await page.evaluate(() => crossOriginIsolated).catch(async () => {
        await page.waitForLoadState('networkidle');
        return undefined;
      });
    }
    expect(isolated).toBe(true);
    await page.close();
  } finally {
    dev.stop();
  }
}, 120_000);
