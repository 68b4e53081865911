// The in-page runtime as a learner meets it (src/lib/sandbox/browser-runtime.ts): a fresh visit to an exercise page
// the page grades itself, Run pressed the moment the editor takes input, the time to the verdict; then a second Run;
// and what the runtime downloads (its worker, with Vitest and Sucrase inside, and the module that starts it).
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** The runtime's own scripts: the module that drives the worker, and the worker. */
export const isInPageRuntimeRequest = (url: string): boolean => /\/_astro\/(browser-runtime\.|browser-worker-)[\w-]+\.js$/.test(new URL(url).pathname);

export interface InPageRun {
  /** From the click on Run (the editor just became editable) to the verdict on screen. */
  firstRunMs: number;
  /** From a second click on Run, the moment the first verdict shows, to its verdict. */
  rerunAtOnceMs: number;
  /**
   * From a third click on Run to its verdict, once the page has settled (the editor's TypeScript worker, which
   * starts when the editor opens and keeps a core busy for a few seconds on a first visit, has loaded): the
   * edit-and-run loop a learner is in.
   */
  rerunMs: number;
  /** What isInPageRuntimeRequest matches, fetched during the visit. */
  raw: number;
  gzip: number;
  /** Which runtime the page says graded the code. */
  runtime: string | undefined;
}

export async function inPageRun(browser: Browser, url: string): Promise<InPageRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pending: Promise<{ raw: number; gzip: number }>[] = [];
  const seen = new Set<string>();
  const count = (response: { url(): string; body(): Promise<Buffer> }) => {
    // Each run's fresh worker asks for the script again; the browser's cache answers, so it is counted once.
    if (!isInPageRuntimeRequest(response.url()) || seen.has(response.url())) return;
    seen.add(response.url());
    pending.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length }), () => ({ raw: 0, gzip: 0 })));
  };
  // On the context: it also hears the worker's own script request.
  context.on('response', count);
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('ct-sandbox').first().hover({ position: { x: 5, y: 5 } });
  await page.locator('ct-sandbox .cm-content[contenteditable="true"]').first().waitFor({ timeout: 30_000 });
  const run = page.locator('ct-sandbox .ct-sb-run');
  const results = page.locator('ct-sandbox .ct-sb-results');
  const verdict = page.locator('ct-sandbox .ct-sb-verdict');
  let started = Date.now();
  await run.click();
  await verdict.waitFor({ timeout: 60_000 });
  const firstRunMs = Date.now() - started;
  const runtime = await results.getAttribute('data-runtime') ?? undefined;
  const again = async () => {
    const at = Date.now();
    await run.click();
    await page.waitForFunction(() => document.querySelector('ct-sandbox .ct-sb-results')?.getAttribute('aria-busy') !== 'true' && document.querySelector('ct-sandbox .ct-sb-verdict'), undefined, { timeout: 60_000 });
    return Date.now() - at;
  };
  const rerunAtOnceMs = await again();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(3_000);
  const rerunMs = await again();
  const bytes = (await Promise.all(pending)).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  await context.close();
  return { firstRunMs, rerunAtOnceMs, rerunMs, ...bytes, runtime };
}
