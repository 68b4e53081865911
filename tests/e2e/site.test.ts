// The built course in a real browser: the lesson renders, links its exercises, each exercise page renders its
// tasks, hints and grading commands, search finds the lesson, and no page logs an error.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedPage, useSite, watchForProblems } from './browser.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const lessons = loadContent().lessons;
const exercises = listExercises();

const env = useSite();
// Lessons and exercise pages are static HTML with lazy islands that load only when scrolled to: 'load' is enough.
const visit = sharedPage(env, 'load');

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await env.browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(env.site.url + path, { waitUntil: 'networkidle' });
  return { page, problems };
}

test('the home page leads to the first lesson', async () => {
  const { page, problems } = await open('/');
  await page.getByRole('link', { name: 'Start with the event loop' }).click();
  await page.waitForURL('**/event-loop/the-event-loop/');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The event loop');
  expect(problems).toEqual([]);
});

describe.each(lessons.map((l) => ({ id: l.id, lesson: l })))('lesson $id', ({ lesson }) => {
  test('renders with its title and sections, links every exercise it lists, and logs no errors', async () => {
    const { page, problems } = await visit(`/${lesson.id}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(lesson.data.title);
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
  expect(await result.getAttribute('href')).toContain('/event-loop/the-event-loop/');
  expect(problems).toEqual([]);
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
  const { page } = await open('/event-loop/the-event-loop/');
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  await page.goto(`${env.site.url}/`);
  expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
});
