// What each kind of page makes a learner download, measured in Chromium against the served build: scripts and
// stylesheets before any interaction, and after the sandbox is opened (what it takes to solve an exercise); and
// what the editor's TypeScript costs once the sandbox is open (typescriptInEditor).
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export interface Weight {
  jsRaw: number;
  jsGzip: number;
  cssRaw: number;
  cssGzip: number;
}

const zero = (): Weight => ({ jsRaw: 0, jsGzip: 0, cssRaw: 0, cssGzip: 0 });

/**
 * What the editor's TypeScript loads once the editor is up: the module that starts the worker, the worker (the
 * compiler inside) and the types it fetches. Counted apart from the sandbox, which works without them.
 */
export const isTypeScriptRequest = (url: string): boolean => /\/_astro\/(typescript\.|ts-worker-)[\w-]+\.js$|\/sandbox\/typescript-types\.json$/.test(new URL(url).pathname);

/**
 * Adds up the scripts and stylesheets the page fetches from now on (gzip level 9, as a host would serve), leaving
 * out the editor's TypeScript (see isTypeScriptRequest), whose own rows come from typescriptInEditor.
 */
function track(page: Page): { weight: () => Promise<Weight> } {
  const pending: Promise<Weight>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if ((type !== 'script' && type !== 'stylesheet') || isTypeScriptRequest(response.url())) return;
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
    // Scroll to it and point at it, as a learner does: a lesson's sandbox loads in view, the exercise page's on the
    // first interaction.
    await page.locator('ct-sandbox').first().scrollIntoViewIfNeeded();
    await page.locator('ct-sandbox').first().hover({ position: { x: 5, y: 5 } });
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

export interface TypeScriptInEditor {
  /** Everything isTypeScriptRequest matches, fetched during the visit. */
  raw: number;
  gzip: number;
  /** From asking for the sandbox (scrolling it into view) to an editor that takes typing. */
  editableMs: number;
  /** From asking for the sandbox to the first type error underlined, typed as soon as the editor took typing. */
  diagnosticMs: number;
  /** From typing that error to its underline. */
  typedToDiagnosticMs: number;
}

/**
 * One learner's first visit (a fresh context, so an empty cache): opens the sandbox on `url` (a page where it
 * waits below the fold, so the opening can be timed), types a type error the moment the editor is editable, and
 * times both, while adding up what the TypeScript worker loads.
 */
export async function typescriptInEditor(browser: Browser, url: string): Promise<TypeScriptInEditor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pending: Promise<{ raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    if (!isTypeScriptRequest(response.url())) return;
    pending.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length }), () => ({ raw: 0, gzip: 0 })));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  if (await page.locator('ct-sandbox .cm-editor').count()) throw new Error(`${url}: the sandbox opened with the page; time it on a page where it waits below the fold`);
  const opened = Date.now();
  await page.locator('ct-sandbox').first().scrollIntoViewIfNeeded();
  const editor = page.locator('ct-sandbox .cm-content[contenteditable="true"]').first();
  await editor.waitFor({ timeout: 30_000 });
  const editableMs = Date.now() - opened;
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  const typed = Date.now();
  await page.keyboard.insertText("\nconst typeError: number = 'x';\n");
  await page.locator('ct-sandbox .cm-lintRange-error').first().waitFor({ timeout: 60_000 });
  const shown = Date.now();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(pending)).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  await context.close();
  return { ...bytes, editableMs, diagnosticMs: shown - opened, typedToDiagnosticMs: shown - typed };
}
