// axe-core on every page of the built site, shared by tests/e2e/a11y-1.test.ts … a11y-4.test.ts. Checking every page
// in both themes and, for the pages a learner reads on a phone, at phone size too, is several hundred axe runs: one
// file would take longer than `npm test` can spare, so each file checks one shard of the pages and Vitest runs the
// files side by side. Pages are split, never sampled: together the shards cover every page.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { ROOT, openSandbox, useSite } from './browser.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';
import legacy from '../../src/lib/course/legacy-lessons.json';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface CheckedPage {
  /** The URL path, as a learner types it: `/`, `/event-loop/one-thread/`, `/404.html`. */
  path: string;
  /** Checked at phone size as well as at desktop size. */
  phone: boolean;
}

/**
 * The pages of the course a learner reads on a phone too: every lesson, every exercise, the home page, the
 * dashboard and the flashcard review. The glossary entries share one layout with the lessons.
 */
function phonePaths(): Set<string> {
  return new Set([
    '/',
    '/progress/',
    '/review/',
    ...loadContent().lessons.map((l) => `/${l.id}/`),
    ...listExercises().map((e) => `/exercises/${e.meta.id}/`),
  ]);
}

/** Every `index.html` under `dir`, as the URL path that serves it. */
function indexPages(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
    const rel = join(sub, entry.name);
    if (entry.isDirectory()) return indexPages(dir, rel);
    if (entry.name !== 'index.html') return [];
    return [sub ? `/${sub.split(sep).join('/')}/` : '/'];
  });
}

/**
 * Every HTML page of the built site in dist/, in a fixed order. Left out: the old lesson URLs of
 * src/pages/[module]/[lesson].astro, which only send the browser on to a new page before anything is shown (their
 * own test is in tests/e2e/site.test.ts). The 404 page is an ordinary Starlight page and is checked like the rest.
 */
export function builtPages(dist = join(ROOT, 'dist')): CheckedPage[] {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built site in ${dist}: the end-to-end globalSetup builds it`);
  const redirects = new Set(Object.keys(legacy).map((id) => `/${id}/`));
  const phone = phonePaths();
  const paths = indexPages(dist).filter((p) => !redirects.has(p));
  if (existsSync(join(dist, '404.html'))) paths.push('/404.html');
  return paths.sort().map((path) => ({ path, phone: phone.has(path) }));
}

/**
 * Shard `index` (1-based) of `count`. A page checked at phone size costs about twice as much, so those are dealt
 * out first, round robin, then the rest carry on from where the deal stopped: every shard gets about as much work.
 */
export function shard<T extends CheckedPage>(pages: readonly T[], index: number, count: number): T[] {
  if (!Number.isInteger(index) || index < 1 || index > count) throw new Error(`shard ${index} of ${count}: no such shard`);
  const dealt = [...pages.filter((p) => p.phone), ...pages.filter((p) => !p.phone)];
  return dealt.filter((_, i) => i % count === index - 1);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

type Axe = { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> };

/** Sets the theme as Starlight's theme picker does (the data-theme attribute and the stored choice). */
async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate(async (t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
    // Colours that transition (the stepper's highlight) are judged once they have arrived, not half-way.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  }, theme);
}

/** axe's violations on the page as it is now, each with the first few elements it names. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
}

/**
 * What a learner arriving at `path` meets: the page once its scripts have settled and Pagefind's search form is in
 * place (it mounts when the browser is idle), with its lazy sandbox opened so that the editor is checked too.
 * Returns axe's violations in light and then in dark mode, keyed by where they were found.
 */
export async function checkPage(page: Page, origin: string, path: string): Promise<Record<string, AxeViolation[]>> {
  const response = await page.goto(origin + path, { waitUntil: 'networkidle' });
  expect(response?.status(), `${path} is served`).toBe(200);
  // Every Starlight page carries the search dialog: once its form is there, the page's idle-time scripts have run.
  await page.locator('#starlight__search .pagefind-ui__search-input').waitFor({ state: 'attached', timeout: 30_000 });
  if (await page.locator('ct-sandbox').count()) await openSandbox(page);
  const size = page.viewportSize();
  const found: Record<string, AxeViolation[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const violations = await axeViolations(page);
    if (violations.length) found[`${size?.width}x${size?.height} ${theme}`] = violations;
  }
  return found;
}

/**
 * The tests of one shard: each of its pages in light and dark at desktop size, and again at phone size where a
 * learner reads it on a phone, with no axe violation. One browser page serves the whole file, as sharedPage's do
 * (a new page per visit costs more than the checks of a small page); this file makes its own because it sets the
 * viewport before a visit, so that a page is met at phone size as a phone loads it, not resized after loading.
 */
export function testShard(index: number, count: number): void {
  const pages = shard(builtPages(), index, count);
  const env = useSite('preview');
  let page: Page | undefined;
  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: DESKTOP });
    // Each visit starts in light mode, the theme a new visitor gets here, however the last page was left.
    await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
  });
  afterAll(async () => {
    await page?.close();
  });
  const checkAt = async (path: string, viewport: typeof DESKTOP) => {
    await page!.setViewportSize(viewport);
    return checkPage(page!, env.site.url, path);
  };
  test.each(pages)('$path has no axe violations in light or dark mode at 1280x900, nor at 390x844 when phone is $phone', async ({ path, phone }) => {
    const found = { ...(await checkAt(path, DESKTOP)), ...(phone ? await checkAt(path, PHONE) : {}) };
    expect(found, `${path}: ${JSON.stringify(found, null, 2)}`).toEqual({});
  }, 180_000);
}
