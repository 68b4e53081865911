// The progress dashboard and the lesson page's "Listen" control, as a learner meets them in the served site: an
// exercise passed in the sandbox and a lesson read to its end show on /progress/, an export from the dashboard
// imported into a fresh browser shows the same, and Listen reads the lesson's prose (not its code) aloud.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, useSite, watchForProblems, openSandbox } from './browser.ts';
import { lessonPathWith, loadContent } from '../../src/lib/content/load.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';
import { COURSE_MODULES } from '../../src/lib/course/modules.ts';
import { readModuleLessons } from '../../src/lib/course/sidebar.ts';
import { buildCourseMap } from '../../src/lib/dashboard/course-map.ts';
import { nextStep } from '../../src/lib/dashboard/summary.ts';

const EVENT_LOOP_PAGES = readModuleLessons(join(ROOT, 'src/content/docs'), 'event-loop');
const LESSON = EVENT_LOOP_PAGES[0]!.id;
const lessonsRead = (n: number) => `${n} of ${EVENT_LOOP_PAGES.length} lessons read`;
// What the dashboard should say follows from the course's content, which grows: derive it, never hard-code it.
const moduleIndex = (id: string) => COURSE_MODULES.findIndex((m) => m.slug === id.split('/')[0]);
const sidebarOrder = (data: unknown) => (data as { sidebar?: { order?: number } }).sidebar?.order ?? 0;
const FIRST_LESSON = [...loadContent().lessons].sort((a, b) => moduleIndex(a.id) - moduleIndex(b.id) || sidebarOrder(a.data) - sidebarOrder(b.data))[0]!.id;
const EVENT_LOOP_EXERCISES = listExercises().filter((e) => e.meta.module === 'event-loop').length;
const EXERCISE = 'event-loop/yield-to-the-loop';
const SOLUTION = readFileSync(join(ROOT, 'exercises', EXERCISE, 'solution/chunks.ts'), 'utf8');

const env = useSite('preview');

async function openDashboard(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${env.site.url}/progress/`);
  await page.locator('ct-dashboard[data-ready]').waitFor();
  return page;
}

const lessonState = (page: Page) => page.locator(`[data-dash-lesson="${LESSON}"]`).getAttribute('data-state');
const exerciseState = (page: Page, id = EXERCISE) => page.locator(`[data-dash-exercise="${id}"]`).getAttribute('data-state');
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

test('the home page maps every module with its lessons and exercises, and its Continue link follows progress', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${env.site.url}/`);
    const map = page.locator('ct-course-map');
    await page.locator('ct-course-map[data-ready]').waitFor({ state: 'attached' });
    expect(await map.locator('h2').allTextContents()).toEqual(COURSE_MODULES.map((m) => m.title));
    const links = await map.locator('.ct-map-modules a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const lessons = loadContent().lessons;
    expect(links.length).toBe(lessons.length + listExercises().length);
    for (const lesson of lessons) expect(links, lesson.id).toContain(`/${lesson.id}/`);
    // A new learner starts at module 1.
    const [firstPage, secondPage] = readModuleLessons(join(ROOT, 'src/content/docs'), COURSE_MODULES[0]!.slug);
    const next = map.locator('[data-map-next] a');
    expect(await next.getAttribute('href')).toBe(`/${firstPage!.id}/`);

    // Once that page is read, Continue moves on to what follows it in the sidebar.
    await page.evaluate((id) => localStorage.setItem(`ct:v1:lesson:${id}`, JSON.stringify({ readAt: '2025-03-01T00:00:00.000Z' })), firstPage!.id);
    await page.reload();
    await page.locator('ct-course-map[data-ready]').waitFor({ state: 'attached' });
    expect(await map.locator(`[data-map-item="${firstPage!.id}"]`).getAttribute('data-state')).toBe('read');
    // Its first exercise (by the module's order), or the next page when it lists none.
    const following = firstPage!.exercises.length ? `/exercises/${[...firstPage!.exercises].sort((a, b) => exerciseOrder(a) - exerciseOrder(b))[0]}/` : `/${secondPage!.id}/`;
    expect(await next.getAttribute('href')).toBe(following);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

const exerciseOrder = (id: string) => listExercises().find((e) => e.meta.id === id)!.meta.order;

test('on a 390 px phone the module table stacks into cards: nothing cut off, nothing scrolls sideways', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    const page = await context.newPage();
    await page.goto(`${env.site.url}/progress/`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(390);
    const cells = await page.locator('.ct-dash-table td').evaluateAll((tds) =>
      tds.map((td) => ({ label: getComputedStyle(td, '::before').content, right: td.getBoundingClientRect().right, text: td.textContent!.trim() })),
    );
    expect(cells.length).toBeGreaterThanOrEqual(24);
    for (const cell of cells) {
      expect(cell.right, `${cell.label} ${cell.text}: inside the screen`).toBeLessThanOrEqual(390);
      expect(cell.label, 'each number says which column it is').toMatch(/^"(Lessons|Exercises|Flashcards)"$/);
    }
  } finally {
    await context.close();
  }
});

describe('the dashboard follows the learner', () => {
  let context: BrowserContext;
  let problems: string[] = [];
  beforeAll(async () => {
    context = await env.browser.newContext({ acceptDownloads: true });
    context.on('page', (page) => problems.push(...watchForProblems(page)));
  });
  afterAll(() => context?.close());

  test('in a fresh browser: nothing read or passed, every card new, and Continue leads to the first lesson', async () => {
    problems = [];
    const page = await openDashboard(context);
    expect(await lessonState(page)).toBe('unread');
    expect(await exerciseState(page)).toBe('not started');
    expect(await text(page, '[data-dash-module-lessons="event-loop"]')).toBe(lessonsRead(0));
    expect(await text(page, '[data-dash-cards]')).toMatch(/^0 cards due now, (\d+) new, of \1\.$/);
    const next = page.locator('[data-dash-next] a');
    expect(await next.getAttribute('href')).toBe(`/${FIRST_LESSON}/`);
    expect(await page.locator('ct-dashboard').getByRole('link', { name: 'Review flashcards' }).getAttribute('href')).toBe('/review/');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('an exercise passed in the sandbox (graded with local Node) shows as passed', async () => {
    const page = await context.newPage();
    await page.goto(`${env.site.url}/exercises/${EXERCISE}/`);
    await openSandbox(page);
    await page.locator('ct-sandbox .cm-content').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(SOLUTION);
    await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Grading with local Node' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.locator('ct-sandbox .ct-sb-verdict[data-verdict="pass"]').waitFor({ timeout: 40_000 });
    await page.goto(`${env.site.url}/progress/`);
    await page.locator('ct-dashboard[data-ready]').waitFor();
    expect(await exerciseState(page)).toBe('passed');
    expect(await text(page, `[data-dash-exercise="${EXERCISE}"]`)).toBe('Passed');
    expect(await text(page, '[data-dash-module-exercises="event-loop"]')).toBe(`1 of ${EVENT_LOOP_EXERCISES} exercises passed`);
    await page.close();
  }, 90_000);

  test('opening a lesson does not mark it read; reaching its end does', async () => {
    const page = await context.newPage();
    await page.goto(`${env.site.url}/${LESSON}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    expect(await page.evaluate((id) => localStorage.getItem(`ct:v1:lesson:${id}`), LESSON)).toBeNull();
    await page.locator('main footer').scrollIntoViewIfNeeded();
    await page.locator('ct-lesson-read[data-read]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.goto(`${env.site.url}/progress/`);
    await page.locator('ct-dashboard[data-ready]').waitFor();
    expect(await lessonState(page)).toBe('read');
    expect(await text(page, '[data-dash-module-lessons="event-loop"]')).toBe(lessonsRead(1));
    // The first page is read and yield-to-the-loop passed: next is what follows in the sidebar's order (the unit
    // tests pin that order down; here the page must show what it computes for the real course).
    const map = buildCourseMap(
      loadContent().lessons.map((l) => ({ id: l.id, title: l.data.title, order: sidebarOrder(l.data), exercises: l.data.exercises })),
      listExercises().map((e) => ({ id: e.meta.id, title: e.meta.title, module: e.meta.module, order: e.meta.order })),
      [],
    );
    const now = '2025-03-01T00:00:00.000Z';
    const next = nextStep(map, { lessons: { [LESSON]: { readAt: now } }, exercises: { [EXERCISE]: { status: 'passed', updatedAt: now } }, flashcards: {} });
    expect(next.kind === 'done' ? undefined : next.item.href).toBe(await page.locator('[data-dash-next] a').getAttribute('href'));
    await page.close();
  }, 60_000);

  test('a lesson read before the split into shorter pages shows every page that replaced it as read', async () => {
    const old = await env.browser.newContext();
    try {
      const page = await openDashboard(old);
      // What the course stored when the event loop was one page, a format-version-1 item.
      await page.evaluate(() => localStorage.setItem('ct:v1:lesson:event-loop/the-event-loop', JSON.stringify({ readAt: '2025-02-01T10:00:00.000Z' })));
      await page.reload();
      await page.locator('ct-dashboard[data-ready]').waitFor();
      expect(await text(page, '[data-dash-module-lessons="event-loop"]')).toBe(lessonsRead(EVENT_LOOP_PAGES.length));
      for (const lesson of EVENT_LOOP_PAGES) {
        expect(await page.locator(`[data-dash-lesson="${lesson.id}"]`).getAttribute('data-state'), lesson.id).toBe('read');
      }
      expect(await page.evaluate(() => localStorage.getItem('ct:v1:lesson:event-loop/the-event-loop')), 'the old item is gone').toBeNull();
      await page.close();
    } finally {
      await old.close();
    }
  });

  test('export from the dashboard, import into a fresh browser: the same progress; undo import takes it back', async () => {
    const page = await openDashboard(context);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = await (await download).path();
    expect(await text(page, '[data-dash-notice]')).toBe('Exported all your code and progress to a file.');

    const fresh = await env.browser.newContext();
    try {
      const other = await openDashboard(fresh);
      expect(await lessonState(other)).toBe('unread');
      const chooser = other.waitForEvent('filechooser');
      await other.getByRole('button', { name: 'Import progress' }).click();
      await (await chooser).setFiles(file);
      await other.locator('[data-dash-notice]', { hasText: 'Imported.' }).waitFor({ timeout: 10_000 });
      expect(await lessonState(other)).toBe('read');
      expect(await exerciseState(other)).toBe('passed');
      for (const selector of ['[data-dash-module-lessons="event-loop"]', '[data-dash-module-exercises="event-loop"]', '[data-dash-next]', '[data-dash-cards]']) {
        expect(await text(other, selector), selector).toBe(await text(page, selector));
      }
      await other.reload();
      await other.locator('ct-dashboard[data-ready]').waitFor();
      expect(await exerciseState(other)).toBe('passed');

      await other.getByRole('button', { name: 'Undo import' }).click();
      await other.locator('[data-dash-notice]', { hasText: 'The import was undone' }).waitFor({ timeout: 10_000 });
      expect(await lessonState(other)).toBe('unread');
      expect(await exerciseState(other)).toBe('not started');
    } finally {
      await fresh.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

/** Replaces the browser's speech with a recorder: headless Chromium has speechSynthesis but no voice. Each
 *  utterance is kept with its rate; it ends when the test says so, or at once after `__speech.autoEnd = true`. */
function fakeSpeech(): void {
  type Recorded = { text: string; rate: number };
  const speech = { spoken: [] as Recorded[], cancels: 0, autoEnd: false, current: undefined as SpeechSynthesisUtterance | undefined, end() {} };
  const end = (u: SpeechSynthesisUtterance | undefined) => u?.dispatchEvent(new Event('end'));
  speech.end = () => end(speech.current);
  (window as unknown as { __speech: typeof speech }).__speech = speech;
  const synth = window.speechSynthesis;
  synth.speak = (u) => {
    speech.spoken.push({ text: u.text, rate: u.rate });
    speech.current = u;
    if (speech.autoEnd) setTimeout(() => end(u), 0);
  };
  synth.cancel = () => {
    speech.cancels++;
    speech.current = undefined;
  };
}

/** The page Listen is tried on: it has prose, code, Output, a stepper, a sandbox, memory aids and flashcards. */
const LISTEN_PAGE = lessonPathWith('<Flashcards deck="event-loop"');
const LISTEN_LESSON = loadContent().lessons.find((l) => `/${l.id}/` === LISTEN_PAGE)!;
/** Its title and headings in order, from the MDX. */
const LISTEN_HEADINGS = [LISTEN_LESSON.data.title, ...[...LISTEN_LESSON.text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]!.trim())];

type Speech = { spoken: { text: string; rate: number }[]; cancels: number; autoEnd: boolean; end(): void };
const speech = (page: Page) => page.evaluate(() => (window as unknown as { __speech: Speech }).__speech);

describe('Listen', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    context = await env.browser.newContext();
    await context.addInitScript(fakeSpeech);
    page = await context.newPage();
    problems = watchForProblems(page);
    await page.goto(env.site.url + LISTEN_PAGE, { waitUntil: 'networkidle' });
  });
  afterAll(() => context?.close());

  const control = () => page.locator('ct-listen');
  const toggle = () => page.locator('ct-listen [data-listen-toggle]');

  test('is on the lesson, below its title, and on no other kind of page', async () => {
    expect(await control().isVisible()).toBe(true);
    expect(await control().getAttribute('data-state')).toBe('idle');
    expect(await toggle().textContent()).toContain('Listen');
    const other = await context.newPage();
    for (const path of [`/exercises/${EXERCISE}/`, '/progress/', '/']) {
      await other.goto(env.site.url + path);
      expect(await other.locator('ct-listen').count(), path).toBe(0);
    }
    await other.close();
  });

  test('play, pause and resume change its state; resuming starts the same piece again', async () => {
    await toggle().click();
    await page.locator('ct-listen[data-state="playing"]').waitFor();
    expect(await toggle().textContent()).toContain('Pause');
    expect((await speech(page)).spoken.map((s) => s.text)).toEqual([LISTEN_HEADINGS[0]]);
    await page.evaluate(() => (window as unknown as { __speech: Speech }).__speech.end());
    await page.waitForFunction(() => (window as unknown as { __speech: Speech }).__speech.spoken.length === 2);
    expect(await page.locator('[data-listen-current]').textContent()).toBe('Quick overview');

    await toggle().click();
    expect(await control().getAttribute('data-state')).toBe('paused');
    expect(await toggle().textContent()).toContain('Resume');
    expect((await speech(page)).cancels).toBeGreaterThan(0);

    // Keyboard works too.
    await toggle().focus();
    await page.keyboard.press('Enter');
    expect(await control().getAttribute('data-state')).toBe('playing');
    expect((await speech(page)).spoken.map((s) => s.text)).toEqual([LISTEN_HEADINGS[0], 'Quick overview', 'Quick overview']);
  });

  test('a new speed applies to what it reads next', async () => {
    await page.locator('ct-listen [data-listen-rate]').selectOption('1.5');
    const { spoken } = await speech(page);
    expect(spoken.at(-1)).toEqual({ text: 'Quick overview', rate: 1.5 });
  });

  test('reads headings and prose in order, and skips code, Output, tables, the sandbox and flashcards', async () => {
    await page.evaluate(() => {
      const s = (window as unknown as { __speech: Speech }).__speech;
      s.autoEnd = true;
      s.end();
    });
    await page.locator('ct-listen[data-state="idle"]').waitFor({ timeout: 20_000 });
    const texts = (await speech(page)).spoken.map((s) => s.text);
    const all = texts.join('\n');
    const position = (t: string) => texts.findIndex((x) => x === t);
    const order = LISTEN_HEADINGS;
    expect(order).toEqual(expect.arrayContaining(['Quick overview', 'The lesson', 'In detail', 'Key concepts', 'Memory aids', 'Practice']));
    for (const heading of order) expect(position(heading), heading).toBeGreaterThanOrEqual(0);
    expect(order.map(position)).toEqual([...order.map(position)].sort((a, b) => a - b));
    expect(all).toContain('This is called starvation.');
    expect(all).toContain('Memory aid: Rhyme');
    expect(all).toContain('Finish the stack before you stop, drain the microtasks');
    for (const unread of ["console.log('timer A')", 'microtask 3 (from microtask 2)', 'drain-completely.mjs', 'Output', 'keeps the loop from reaching other work', 'Try it:', 'Open the editor', 'Flashcards:', 'Depth 1 of 3', 'Section titled']) {
      expect(all, `"${unread}" is not read aloud`).not.toContain(unread);
    }
    expect(texts.every((t) => t.length <= 250), 'long text is split into short utterances').toBe(true);
    expect(await page.locator('[data-listen-current]').count()).toBe(0);
  }, 30_000);

  test('stop goes back to the start', async () => {
    await page.evaluate(() => {
      (window as unknown as { __speech: Speech }).__speech.autoEnd = false;
    });
    await toggle().click();
    await page.locator('ct-listen[data-state="playing"]').waitFor();
    await page.locator('ct-listen [data-listen-stop]').click();
    expect(await control().getAttribute('data-state')).toBe('idle');
    expect(await toggle().textContent()).toContain('Listen');
    expect(problems).toEqual([]);
  });

  test('is hidden entirely where the browser has no speechSynthesis', async () => {
    const bare = await env.browser.newContext();
    await bare.addInitScript(() => {
      delete (window as { speechSynthesis?: unknown }).speechSynthesis;
    });
    const other = await bare.newPage();
    await other.goto(env.site.url + LISTEN_PAGE, { waitUntil: 'networkidle' });
    expect(await other.evaluate(() => 'speechSynthesis' in window)).toBe(false);
    expect(await other.locator('ct-listen').isHidden()).toBe(true);
    await bare.close();
  });
});
