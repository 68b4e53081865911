// What each kind of page makes a learner download, measured in Chromium against the served build: scripts and
// stylesheets before any interaction, and after the sandbox is opened (what it takes to solve an exercise).
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export interface Weight {
  jsRaw: number;
  jsGzip: number;
  cssRaw: number;
  cssGzip: number;
}

const zero = (): Weight => ({ jsRaw: 0, jsGzip: 0, cssRaw: 0, cssGzip: 0 });

/** Adds up the scripts and stylesheets the page fetches from now on (gzip level 9, as a host would serve). */
function track(page: Page): { weight: () => Promise<Weight> } {
  const pending: Promise<Weight>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      response.body().then((body) => {
        const w = zero();
        const gzip = gzipSync(body, { level: 9 }).length;
        if (type === 'script') Object.assign(w, { jsRaw: body.length, jsGzip: gzip });
        else Object.assign(w, { cssRaw: body.length, cssGzip: gzip });
        return w;
      }, zero),
    );
  });
  return {
    weight: async () =>
      (await Promise.all(pending)).reduce((a, b) => ({ jsRaw: a.jsRaw + b.jsRaw, jsGzip: a.jsGzip + b.jsGzip, cssRaw: a.cssRaw + b.cssRaw, cssGzip: a.cssGzip + b.cssGzip }), zero()),
  };
}

export async function pageWeight(browser: Browser, url: string, openSandbox: boolean): Promise<{ before: Weight; after?: Weight }> {
  const page = await browser.newPage();
  const tracker = track(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  const before = await tracker.weight();
  let after: Weight | undefined;
  if (openSandbox) {
    await page.locator('ct-sandbox').first().scrollIntoViewIfNeeded();
    await page.locator('ct-sandbox .cm-editor').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    after = await tracker.weight();
  }
  await page.close();
  return after ? { before, after } : { before };
}

/**
 * What opening an event-loop stepper costs: the scripts and the trace (JSON) fetched once the first stepper on the
 * page scrolls into view, until its controls work. Returns gzip and raw bytes of both kinds together.
 */
export async function stepperWeight(browser: Browser, url: string): Promise<{ raw: number; gzip: number }> {
  // A context of its own: an empty cache, so code an earlier page already loaded (another lesson's stepper) counts.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const pending: Promise<{ raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'fetch') return;
    pending.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length }), () => ({ raw: 0, gzip: 0 })));
  });
  const stepper = page.locator('ct-loop-trace').first();
  await stepper.scrollIntoViewIfNeeded();
  await stepper.locator('button:not([disabled])').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const total = (await Promise.all(pending)).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  await context.close();
  return total;
}
