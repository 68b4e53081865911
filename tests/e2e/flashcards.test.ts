// Flashcards in a real browser: the Review page by keyboard (Space shows the answer, 1–4 rate), the schedule kept
// across a reload and present in the progress store's export, "Done for today" once nothing is left, and a
// lesson's deck widget by mouse, loaded only when it scrolls into view. No page may log an error.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite, watchForProblems } from './browser.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { COURSE_MODULES } from '../../src/lib/course/modules.ts';
import { deckPayload, inCourseOrder } from '../../src/lib/flashcards/deck.ts';
import { rate } from '../../src/lib/flashcards/schedule.ts';
import { KEY_PREFIX, createProgressStore, memoryStorage } from '../../src/lib/progress/store.ts';

const content = loadContent();
const decks = inCourseOrder(content.decks.map((d) => deckPayload(d.data)), COURSE_MODULES.map((m) => m.slug));
const allKeys = decks.flatMap((d) => d.cards.map((c) => c.key));
/** Lessons that end with `<Flashcards deck="…" />`, and the deck each embeds. */
const lessonDecks = content.lessons.flatMap((lesson) => {
  const deck = /<Flashcards\s+deck="([^"]+)"/.exec(lesson.text)?.[1];
  return deck ? [{ id: lesson.id, deck }] : [];
});

const env = useSite('preview');

/** A page in a fresh browser profile (no saved progress), watched for errors. */
async function freshPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  return { page, problems: watchForProblems(page) };
}

/** Paths of the scripts the page requests, as they are requested. */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
  return scripts;
}
/** The chunk with the review UI and ts-fsrs (src/components/flashcards/review.ts). */
const isScheduler = (path: string): boolean => /\/review\.[\w-]+\.js$/.test(path);

const widget = (page: Page) => page.locator('ct-flashcards');
const shownKey = async (page: Page) => (await widget(page).locator('[data-fc-card]').getAttribute('data-key')) ?? '';

async function counts(page: Page): Promise<{ due: number; fresh: number }> {
  const w = widget(page);
  await w.locator('[data-fc-counts]:not([hidden])').waitFor();
  return { due: Number(await w.locator('[data-fc-due]').textContent()), fresh: Number(await w.locator('[data-fc-new]').textContent()) };
}

/** The learner's saved data as the progress store exports it, read from the page's localStorage. */
async function exported(page: Page) {
  const items = await page.evaluate((prefix) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) out[key] = localStorage.getItem(key) ?? '';
    }
    return out;
  }, KEY_PREFIX);
  const storage = memoryStorage();
  for (const [key, value] of Object.entries(items)) storage.setItem(key, value);
  return createProgressStore(storage).exportAll();
}

describe('the Review page', () => {
  test('reviews every deck by keyboard, and keeps the schedule across a reload', async () => {
    const { page, problems } = await freshPage();
    const scripts = scriptsOf(page);
    await page.goto(`${env.site.url}/review/`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Review flashcards');
    expect(scripts.filter(isScheduler), 'the scheduler waits for the learner').toEqual([]);
    // Keyboard only: the first key press loads the review, and focus lands on the card.
    await page.keyboard.press('Space');
    expect(await counts(page)).toEqual({ due: 0, fresh: allKeys.length });
    await widget(page).locator('[data-fc-card]:not([hidden])').waitFor();
    await page.waitForFunction(() => document.activeElement?.matches('[data-fc-front]'));
    expect(await shownKey(page), 'new cards come in course and deck order').toBe(allKeys[0]);

    const rated: string[] = [];
    const started = Date.now();
    for (const key of ['3', '4', '2']) {
      const card = await shownKey(page);
      expect(await widget(page).locator('[data-fc-back]').isHidden(), 'the answer is hidden at first').toBe(true);
      await page.keyboard.press('Space');
      expect(await widget(page).locator('[data-fc-back]').isVisible(), `Space shows the answer of ${card}`).toBe(true);
      const good = await widget(page).locator('[data-fc-rating="good"]').innerText();
      expect(good, 'each rating shows the interval it schedules').toMatch(/Good · \d+(\.\d)? (min|hours?|days?|months?|years?)$/);
      await page.keyboard.press(key);
      expect(await widget(page).locator('[data-fc-status]').textContent()).toMatch(/^Saved: this card comes back in /);
      expect(await shownKey(page), `key ${key} rated ${card} and moved on`).not.toBe(card);
      rated.push(card);
    }
    expect(await counts(page)).toEqual({ due: 0, fresh: allKeys.length - 3 });

    await page.reload({ waitUntil: 'networkidle' });
    await page.mouse.move(10, 10); // any interaction loads the review
    expect(await counts(page), 'after a reload').toEqual({ due: 0, fresh: allKeys.length - 3 });
    expect(rated, 'the rated cards are not shown again yet').not.toContain(await shownKey(page));

    const file = await exported(page);
    expect(Object.keys(file.data.flashcards).sort()).toEqual([...rated].sort());
    for (const key of rated) {
      const state = file.data.flashcards[key]!;
      expect(state.reps, key).toBe(1);
      expect(Date.parse(state.due), `${key} is scheduled in the future`).toBeGreaterThan(started);
    }
    expect(problems).toEqual([]);
  });

  test('says "Done for today" and when the next card is due once nothing is left', async () => {
    const { page, problems } = await freshPage();
    const now = new Date();
    const states = Object.fromEntries(allKeys.map((key) => [`${KEY_PREFIX}flashcard:${key}`, JSON.stringify(rate(undefined, 'easy', now))]));
    await page.addInitScript((items) => {
      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
    }, states);
    await page.goto(`${env.site.url}/review/`, { waitUntil: 'networkidle' });
    await widget(page).getByRole('button', { name: 'Start review' }).click();
    const done = widget(page).locator('[data-fc-done]');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/^Done for today\. The next card is due in \d+ days \(.+\)\.$/);
    expect(await widget(page).locator('[data-fc-card]').isHidden()).toBe(true);
    expect(await counts(page)).toEqual({ due: 0, fresh: 0 });
    expect(problems).toEqual([]);
  });
});

test('some lesson ends with a deck of flashcards', () => {
  expect(lessonDecks.length, 'lessons with <Flashcards deck="…" />').toBeGreaterThan(0);
});

// The widget is one component: it is worked through with the mouse and a reload in the first lesson; in every
// lesson, it must load its own deck when scrolled to.
describe.each(lessonDecks.map((l, i) => ({ ...l, full: i === 0 })))('the deck widget in lesson $id', ({ id, deck, full }) => {
  const cards = decks.find((d) => d.deck === deck)!.cards;

  test.runIf(!full)('loads its deck when scrolled to, and not before', async () => {
    const { page, problems } = await freshPage();
    const scripts = scriptsOf(page);
    await page.goto(`${env.site.url}/${id}/`, { waitUntil: 'load' });
    expect(scripts.filter(isScheduler), 'the scheduler is not loaded up front').toEqual([]);
    const w = widget(page);
    await w.scrollIntoViewIfNeeded();
    expect(await w.getByRole('heading', { level: 2 }).textContent()).toBe(`Flashcards: ${decks.find((d) => d.deck === deck)!.title}`);
    expect(await counts(page)).toEqual({ due: 0, fresh: cards.length });
    expect(await shownKey(page)).toBe(cards[0]!.key);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test.runIf(full)('loads when scrolled to, and works with the mouse', async () => {
    const { page, problems } = await freshPage();
    const scripts = scriptsOf(page);
    await page.goto(`${env.site.url}/${id}/`, { waitUntil: 'networkidle' });
    expect(scripts.filter(isScheduler), 'the scheduler is not loaded up front').toEqual([]);

    const w = widget(page);
    await w.scrollIntoViewIfNeeded();
    expect(await w.getByRole('heading', { level: 2 }).textContent()).toBe(`Flashcards: ${decks.find((d) => d.deck === deck)!.title}`);
    expect(await counts(page)).toEqual({ due: 0, fresh: cards.length });
    expect(await shownKey(page)).toBe(cards[0]!.key);

    await w.getByRole('button', { name: 'Show answer' }).click();
    await w.getByRole('button', { name: /^Again · 1 min$/ }).click();
    expect(await w.locator('[data-fc-status]').textContent()).toBe('Saved: this card comes back in 1 min.');
    expect(await shownKey(page)).toBe(cards[1]!.key);
    await w.getByRole('button', { name: 'Show answer' }).click();
    await w.getByRole('button', { name: /^Good · / }).click();
    expect(await counts(page)).toEqual({ due: 0, fresh: cards.length - 2 });

    await page.reload({ waitUntil: 'networkidle' });
    await w.scrollIntoViewIfNeeded();
    expect(await counts(page), 'after a reload').toEqual({ due: 0, fresh: cards.length - 2 });
    expect(await shownKey(page)).toBe(cards[2]!.key);
    expect(Object.keys((await exported(page)).data.flashcards).sort()).toEqual([cards[0]!.key, cards[1]!.key].sort());
    expect(problems).toEqual([]);
  });
});
