// The glossary in a real browser: the index lists every term A–Z and filters by module and by text, each term has
// its own page with related terms and the lessons that use it, Starlight's search finds a term's page, and the
// <Term> popover follows WCAG 1.4.13 (keyboard focus, Escape, hoverable, tap on touch screens).
import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT, sharedPage, useSite, watchForProblems } from './browser.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { groupByLetter, matchesFilter, searchText, shownMessage, type GlossaryItem } from '../../src/lib/glossary/list.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const entries = loadContent().glossary;
const items: GlossaryItem[] = entries.map((e) => ({ slug: e.slug, ...e.data }));
const sortedTerms = groupByLetter(items).flatMap((g) => g.items.map((i) => i.term));
const bySlug = new Map(entries.map((e) => [e.slug, e]));
/** A term with related terms: its page shows them as <Term> links with popovers. */
const withRelated = entries.find((e) => e.data.related.length > 0)!;

const env = useSite();
// A term's page is static HTML (its popovers are tested on one page below): no need to wait for a quiet network.
const visit = sharedPage(env, 'load');

async function open(path: string, page?: Page): Promise<{ page: Page; problems: string[] }> {
  const p = page ?? (await env.browser.newPage());
  const problems = watchForProblems(p);
  await p.goto(env.site.url + path, { waitUntil: 'networkidle' });
  return { page: p, problems };
}

const shownTerms = (page: Page) => page.locator('[data-gl-term]:not([hidden]) dt a').allTextContents();
const liveRegion = (page: Page) => page.getByRole('status');
async function waitForAnnouncement(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-gl-count]')?.textContent === t, text, { timeout: 5_000 });
}

describe('the glossary index', () => {
  test('lists every term A–Z under letter headings, each with its definition, Python counterpart and page', async () => {
    const { page, problems } = await open('/glossary/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Glossary');
    const letters = await page.locator('main h2').allTextContents();
    expect(letters).toEqual(groupByLetter(items).map((g) => g.letter));
    expect(await shownTerms(page)).toEqual(sortedTerms);
    for (const item of items) {
      const row = page.locator('[data-gl-term]', { has: page.locator(`a[href="/glossary/${item.slug}/"]`) });
      const text = await row.textContent();
      expect(text, item.slug).toContain(item.definition);
      expect(text, item.slug).toContain(item.python);
    }
    expect(await liveRegion(page).textContent()).toBe(shownMessage(items.length, items.length));
    expect(problems).toEqual([]);
  });

  test('filters by module and says how many terms are shown', async () => {
    const { page, problems } = await open('/glossary/');
    const select = page.getByLabel('Module');
    const modules = (await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) {
      await select.selectOption(module);
      const expected = items.filter((i) => i.module === module);
      expect(expected.length, `the filter offers only modules with terms (${module})`).toBeGreaterThan(0);
      expect((await shownTerms(page)).sort()).toEqual(expected.map((i) => i.term).sort());
      await waitForAnnouncement(page, shownMessage(expected.length, items.length));
    }
    await select.selectOption('');
    expect(await shownTerms(page)).toEqual(sortedTerms);
    expect(problems).toEqual([]);
  });

  test('filters by text as the learner types, hides empty letters, and keeps the filter in the address', async () => {
    const { page, problems } = await open('/glossary/');
    const box = page.getByLabel('Find a term');
    for (const query of ['nexttick', 'call_soon', 'micro', 'zzzz']) {
      await box.fill(query);
      const expected = items.filter((i) => matchesFilter({ module: i.module, text: searchText(i) }, { module: '', query }));
      expect(await shownTerms(page), query).toEqual(sortedTerms.filter((t) => expected.some((i) => i.term === t)));
      const letters = await page.locator('[data-gl-letter]:not([hidden]) h2').allTextContents();
      expect(letters, query).toEqual([...new Set(expected.map((i) => groupByLetter([i])[0]!.letter))].sort());
      await waitForAnnouncement(page, shownMessage(expected.length, items.length));
    }
    await box.fill('nexttick');
    expect(await page.evaluate(() => new URLSearchParams(location.search).get('q'))).toBe('nexttick');
    // A filtered address opens filtered.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await box.inputValue()).toBe('nexttick');
    const nexttick = items.filter((i) => matchesFilter({ module: i.module, text: searchText(i) }, { module: '', query: 'nexttick' }));
    expect(await shownTerms(page)).toEqual(sortedTerms.filter((t) => nexttick.some((i) => i.term === t)));
    expect(await shownTerms(page)).toContain('process.nextTick');
    expect(problems).toEqual([]);
  });

  test('without JavaScript it shows the full list and no controls that could not work', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/glossary/`);
    expect(await page.locator('[data-gl-term] dt a').allTextContents()).toEqual(sortedTerms);
    expect(await page.getByLabel('Find a term').isVisible()).toBe(false);
    await context.close();
  });
});

// Every term's page is checked in the built HTML (it is static: Astro renders it at build time), and a spread of
// them (every eighth, the first and the last) also in the browser, as a learner opens them.
const inBrowser = new Set(entries.filter((_, i) => i % 8 === 0 || i === entries.length - 1).map((e) => e.slug));

test('every term page in the built site has its term, explanation, Python counterpart, related terms and lessons', () => {
  const problems: string[] = [];
  const text = (html: string) =>
    html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const squash = (t: string) => t.replace(/[`*_'"‘’“”]/g, '').replace(/\s+/g, ' ');
  for (const entry of entries) {
    const html = readFileSync(join(ROOT, 'dist', 'glossary', entry.slug, 'index.html'), 'utf8');
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
    if (squash(text(h1 ?? '')).trim() !== squash(entry.data.term)) problems.push(`${entry.slug}: heading ${JSON.stringify(h1)}`);
    const plain = squash(text(main));
    if (!plain.includes(squash(entry.data.definition))) problems.push(`${entry.slug}: definition missing`);
    if (!plain.includes(squash(entry.data.python))) problems.push(`${entry.slug}: Python counterpart missing`);
    const firstWords = squash(entry.body.trim()).split(' ').slice(0, 4).join(' ');
    if (!plain.includes(firstWords)) problems.push(`${entry.slug}: explanation missing ("${firstWords}")`);
    for (const related of entry.data.related) {
      if (!main.includes(`href="/glossary/${related}/"`)) problems.push(`${entry.slug}: no link to ${related}`);
    }
    for (const lesson of entry.data.lessons) {
      if (!main.includes(`href="/${lesson}/"`)) problems.push(`${entry.slug}: no link to the lesson ${lesson}`);
    }
  }
  expect(problems).toEqual([]);
});

describe.each(entries.filter((e) => inBrowser.has(e.slug)).map((e) => ({ slug: e.slug, entry: e })))('the page of "$slug"', ({ slug, entry }) => {
  test('shows the term, its explanation, its Python counterpart, related terms and lessons', async () => {
    const { page, problems } = await visit(`/glossary/${slug}/`);
    // Everything read in one round trip to the browser: 99 pages make the difference.
    const shown = await page.evaluate(
      ({ related, lessons }) => {
        const main = document.querySelector('main')!;
        return {
          heading: document.querySelector('h1')?.textContent ?? null,
          text: main.textContent ?? '',
          python: document.querySelector('[aria-label="Python counterpart"]')?.textContent ?? null,
          related: related.map((r) => [...main.querySelectorAll(`ct-term a[href="/glossary/${r}/"]`)].map((a) => a.textContent)),
          lessons: lessons.map((l) => main.querySelectorAll(`a[href="/${l}/"]`).length),
        };
      },
      { related: entry.data.related, lessons: entry.data.lessons },
    );
    expect(shown.heading).toBe(entry.data.term);
    expect(shown.text).toContain(entry.data.definition);
    expect(shown.python).toContain(entry.data.python);
    // The body's first words, whatever markdown (code, emphasis, typographic quotes) they hold.
    const plain = (text: string) => text.replace(/[`*_'"‘’“”]/g, '').replace(/\s+/g, ' ');
    const firstWords = plain(entry.body.trim()).split(' ').slice(0, 4).join(' ');
    expect(plain(shown.text)).toContain(firstWords);
    entry.data.related.forEach((related, i) => {
      expect(shown.related[i], `links to ${related}`).toEqual([bySlug.get(related)!.data.term]);
    });
    entry.data.lessons.forEach((lesson, i) => {
      expect(shown.lessons[i], `links to the lesson ${lesson}`).toBe(1);
    });
    expect(problems).toEqual([]);
  });
});

test('a term page links to a related term that opens', async () => {
  const { page, problems } = await open(`/glossary/${withRelated.slug}/`);
  const related = withRelated.data.related[0]!;
  await page.locator(`main ct-term a[href="/glossary/${related}/"]`).click();
  await page.waitForURL(`**/glossary/${related}/`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(bySlug.get(related)!.data.term);
  expect(problems).toEqual([]);
});

test("search finds a term's glossary page", async () => {
  const target = bySlug.get('microtask-queue') ?? withRelated;
  const { page, problems } = await open('/');
  await page.getByRole('button', { name: 'Search', exact: false }).first().click();
  await page.locator('.pagefind-ui__search-input').fill(target.data.term);
  const result = page.locator(`.pagefind-ui__result-link[href^="/glossary/${target.slug}/"]`).first();
  await result.waitFor({ timeout: 15_000 });
  await result.click();
  await page.waitForURL(`**/glossary/${target.slug}/**`);
  expect(problems).toEqual([]);
});

describe('the <Term> popover', () => {
  const related = bySlug.get(withRelated.data.related[0]!)!;
  const termLink = (page: Page) => page.locator(`main ct-term a[href="/glossary/${related.slug}/"]`);
  async function tooltipOf(link: Locator): Promise<Locator> {
    const id = await link.getAttribute('aria-describedby');
    expect(id, 'the link is described by its popover').toBeTruthy();
    return link.page().locator(`[id="${id}"]`);
  }

  test('opens on keyboard focus with the definition, and Escape hides it without moving focus', async () => {
    const { page, problems } = await open(`/glossary/${withRelated.slug}/`);
    const link = termLink(page);
    const tip = await tooltipOf(link);
    expect(await tip.getAttribute('role')).toBe('tooltip');
    expect(await tip.isVisible()).toBe(false);
    await link.focus();
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toContain(related.data.definition);
    expect(await tip.textContent()).toContain(related.data.python);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect(await link.evaluate((a) => a === document.activeElement), 'focus stays on the term').toBe(true);
    // Focus leaving and coming back shows it again; Tab away hides it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await tip.waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    await tip.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  test('opens on hover, stays open while the pointer moves onto it, and Escape hides it until the pointer returns', async () => {
    const { page, problems } = await open(`/glossary/${withRelated.slug}/`);
    const link = termLink(page);
    const tip = await tooltipOf(link);
    await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
    const box = (await link.boundingBox())!;
    const onLink = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const away = { x: 5, y: onLink.y }; // the sidebar: inside the viewport, so the pointer really leaves
    await page.mouse.move(onLink.x, onLink.y);
    await tip.waitFor({ state: 'visible' });
    // Straight down onto the popover (it starts at the term's left edge), then wait out the grace period.
    const onto = (await tip.boundingBox())!;
    await page.mouse.move(onLink.x, onto.y + onto.height / 2, { steps: 10 });
    await page.waitForTimeout(600);
    expect(await tip.isVisible(), 'still open with the pointer on the popover').toBe(true);
    await page.mouse.move(onLink.x, onLink.y, { steps: 10 });
    await page.waitForTimeout(600);
    expect(await tip.isVisible(), 'still open with the pointer back on the term').toBe(true);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await page.mouse.move(onLink.x + 2, onLink.y, { steps: 2 });
    await page.waitForTimeout(600);
    expect(await tip.isVisible(), 'Escape keeps it hidden while the pointer stays on the term').toBe(false);
    await page.mouse.move(away.x, away.y, { steps: 5 });
    await page.mouse.move(onLink.x, onLink.y, { steps: 5 });
    await tip.waitFor({ state: 'visible' });
    await page.mouse.move(away.x, away.y, { steps: 5 });
    await tip.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  test('on a touch screen the first tap shows the definition and the second follows the link', async () => {
    const context = await env.browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const { page, problems } = await open(`/glossary/${withRelated.slug}/`, await context.newPage());
    const link = termLink(page);
    const tip = await tooltipOf(link);
    await link.tap();
    await tip.waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe(`/glossary/${withRelated.slug}/`);
    const box = (await tip.boundingBox())!;
    expect(box.x, 'the popover fits on a narrow screen').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await link.tap();
    await page.waitForURL(`**/glossary/${related.slug}/`);
    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(['light', 'dark'] as const)('has no axe violations while open (%s mode)', async (theme) => {
    const context = await env.browser.newContext();
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const { page } = await open(`/glossary/${withRelated.slug}/`, await context.newPage());
    const link = termLink(page);
    await link.focus();
    await (await tooltipOf(link)).waitFor({ state: 'visible' });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      type Violation = { id: string; help: string; nodes: { target: string[] }[] };
      // The page's content, where the popover is (a11y.test.ts checks whole pages).
      const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run({ include: [['main']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target) }));
    });
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});
