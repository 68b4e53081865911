// The built course in a real browser: the lesson renders, links its exercises, each exercise page renders its
// tasks, hints and grading commands, search finds the lesson, and no page logs an error.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sharedPage, useSite, watchForProblems } from './browser.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { readModuleLessons } from '../../src/lib/course/sidebar.ts';
import legacy from '../../src/lib/course/legacy-lessons.json';

const lessons = loadContent().lessons;
const exercises = listExercises();
const DOCS = join(ROOT, 'src/content/docs');
const FIRST_EVENT_LOOP_PAGE = `/${readModuleLessons(DOCS, 'event-loop')[0]!.id}/`;
const FIRST_PAGE = `/${readModuleLessons(DOCS, 'why-concurrency')[0]!.id}/`;

const env = useSite();
// Lessons and exercise pages are static HTML with lazy islands that load only when scrolled to: 'load' is enough.
const visit = sharedPage(env, 'load');

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await env.browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(env.site.url + path, { waitUntil: 'networkidle' });
  return { page, problems };
}

test('the home page leads to the first lesson of module 1', async () => {
  const { page, problems } = await open('/');
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.waitForURL(`**${FIRST_PAGE}`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(lessons.find((l) => `/${l.id}/` === FIRST_PAGE)!.data.title);
  expect(problems).toEqual([]);
});

describe.each(lessons.map((l) => ({ id: l.id, lesson: l })))('lesson $id', ({ lesson }) => {
  test('renders with its title, links every exercise it lists, which follow it in the sidebar, and logs no errors', async () => {
    const { page, problems } = await visit(`/${lesson.id}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(lesson.data.title);
    // In the sidebar, the lesson's exercises come right after it, in the module's exercise order.
    const sidebarLinks = await page.locator('nav[aria-label="Main"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const at = sidebarLinks.indexOf(`/${lesson.id}/`);
    expect(at, 'the lesson is in the sidebar').toBeGreaterThanOrEqual(0);
    const listed = exercises.filter((e) => lesson.data.exercises.includes(e.meta.id)).sort((a, b) => a.meta.order - b.meta.order);
    expect(sidebarLinks.slice(at + 1, at + 1 + listed.length)).toEqual(listed.map((e) => `/exercises/${e.meta.id}/`));
    const main = page.locator('main');
    for (const id of lesson.data.exercises) {
      const link = main.locator(`a[href="/exercises/${id}/"]`).first();
      expect(await link.count(), `link to ${id} in the lesson`).toBe(1);
    }
    // Follow the first exercise link like a learner would.
    const first = lesson.data.exercises[0];
    if (first) {
      await main.locator(`a[href="/exercises/${first}/"]`).first().click();
      await page.waitForURL(`**/exercises/${first}/`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Exercise: /);
    }
    expect(problems).toEqual([]);
  });
});

describe.each(exercises.map((e) => ({ id: e.meta.id, exercise: e })))('exercise page $id', ({ id, exercise }) => {
  test('shows the tasks, the sandbox, the Python counterpart and the grade command; in the sidebar', async () => {
    const { page, problems } = await visit(`/exercises/${id}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Exercise: ${exercise.meta.title}`);
    expect(await page.locator('main h2', { hasText: /^1\. / }).count(), 'task 1 heading').toBe(1);
    expect(await page.locator('ct-sandbox').getAttribute('data-exercise')).toBe(id);
    expect(await page.locator('main').textContent()).toContain(`npm run grade -- ${id}`);
    expect(await page.getByLabel('Python counterpart').textContent()).toContain(exercise.meta.python.concept);
    const current = page.locator('nav[aria-label="Main"] a[aria-current="page"]');
    expect(await current.textContent()).toContain(exercise.meta.title);
    expect(problems).toEqual([]);
  });
});

test('search finds the event-loop lesson', async () => {
  const { page, problems } = await open('/');
  await page.getByRole('button', { name: 'Search', exact: false }).first().click();
  await page.locator('.pagefind-ui__search-input').fill('microtask');
  // The glossary's page for the term may rank first; the lesson must be among the results.
  const result = page.locator('.pagefind-ui__result-link[href^="/event-loop/"]').first();
  await result.waitFor({ timeout: 15_000 });
  expect(lessons.map((l) => `/${l.id}/`)).toContain((await result.getAttribute('href'))!.replace(/#.*$/, ''));
  expect(problems).toEqual([]);
});

test('the search field has a name of its own, not only a title (axe label-title-only)', async () => {
  const { page } = await open('/');
  await page.getByRole('button', { name: 'Search', exact: false }).first().click();
  const input = page.locator('.pagefind-ui__search-input');
  await input.waitFor();
  await expect.poll(() => input.getAttribute('aria-label')).toBe('Search');
  expect(await page.getByRole('textbox', { name: 'Search', exact: true }).count()).toBe(1);
  await page.close();
});

test('search finds an exercise page', async () => {
  const { page, problems } = await open('/');
  await page.getByRole('button', { name: 'Search', exact: false }).first().click();
  await page.locator('.pagefind-ui__search-input').fill('processInChunks');
  const result = page.locator('.pagefind-ui__result-link[href^="/exercises/"]').first();
  await result.waitFor({ timeout: 15_000 });
  expect(await result.getAttribute('href')).toBe('/exercises/event-loop/yield-to-the-loop/');
  expect(problems).toEqual([]);
});

test('dark mode can be chosen and is kept across pages', async () => {
  const { page } = await open(FIRST_EVENT_LOOP_PAGE);
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  await page.goto(`${env.site.url}/`);
  expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
});

// Before the split into one-sitting pages each module was one page. Its URL, and each #section of it a learner may
// have bookmarked, still leads to the page that now holds that section.
const pagesOf = (oldId: string) => readModuleLessons(DOCS, oldId.split('/')[0]!).map((l) => `/${l.id}/`);

describe.each(Object.entries(legacy).map(([oldId, old]) => ({ oldId, anchors: old.anchors })))('the old lesson URL /$oldId/', ({ oldId, anchors }) => {
  test('leads to the module\'s first page, and an old #section to the page that holds it', async () => {
    const pages = pagesOf(oldId);
    expect(pages.length, `${oldId} was split`).toBeGreaterThan(1);
    const { page, problems } = await visit(`/${oldId}/`);
    await page.waitForURL((url) => url.pathname === pages[0]);
    // Every heading of the old page is on exactly one new page, and the redirect knows which (read from the built HTML).
    const built = (path: string) => readFileSync(join(ROOT, 'dist', path, 'index.html'), 'utf8');
    const holders = (anchor: string) => pages.filter((p) => built(p).includes(` id="${anchor}"`));
    const moved = anchors.filter((a) => holders(a).length === 1 && holders(a)[0] !== pages[0]);
    for (const anchor of anchors) expect(holders(anchor).length, `#${anchor} of ${oldId} is on a new page`).toBeGreaterThan(0);
    expect(moved.length, `${oldId}: sections now on later pages`).toBeGreaterThan(0);
    const anchor = moved.at(-1)!;
    await page.goto(`${env.site.url}/${oldId}/#${anchor}`);
    await page.waitForURL((url) => url.pathname === holders(anchor)[0] && url.hash === `#${anchor}`);
    expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
