// Scheduling flashcards with ts-fsrs: what a learner notices (a card they knew comes back later than one they
// forgot, due cards come first) and that every schedule survives the progress store and an export file.
import { describe, expect, test } from 'vitest';
import { flashcardStateSchema, progressFileSchema, type FlashcardState } from '../../src/lib/progress/format.ts';
import { createProgressStore, memoryStorage } from '../../src/lib/progress/store.ts';
import { RATINGS, cardKey, dueAndNew, isDue, newCard, preview, rate } from '../../src/lib/flashcards/schedule.ts';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const dueMs = (state: FlashcardState) => Date.parse(state.due);

/** A card rated Good twice (ten minutes apart): out of the learning steps, due in days. */
function learned(): FlashcardState {
  return rate(rate(undefined, 'good', NOW), 'good', new Date(NOW.getTime() + 10 * MINUTE));
}

describe('rating a card', () => {
  test('the key is <deck>/<card id>', () => {
    expect(cardKey('event-loop', 'microtask-drain')).toBe('event-loop/microtask-drain');
  });

  test('a new card is due now and has never been reviewed', () => {
    const card = newCard(NOW);
    expect(card.due).toBe(NOW.toISOString());
    expect(card.reps).toBe(0);
    expect(card.state).toBe(0);
    expect(card).not.toHaveProperty('last_review');
  });

  test('Good on a new card schedules it in the future and records the review', () => {
    const state = rate(undefined, 'good', NOW);
    expect(dueMs(state)).toBeGreaterThan(NOW.getTime());
    expect(state.reps).toBe(1);
    expect(state.last_review).toBe(NOW.toISOString());
    expect(isDue(state, NOW)).toBe(false);
    expect(isDue(state, new Date(dueMs(state)))).toBe(true);
  });

  test('rating undefined is rating a new card', () => {
    expect(rate(undefined, 'hard', NOW)).toEqual(rate(newCard(NOW), 'hard', NOW));
  });

  test.each([
    ['a new card', () => undefined],
    ['a learned card, when it is due', learned],
  ])('on %s, Again < Hard < Good < Easy', (_name, make) => {
    const state = make();
    const when = state ? new Date(dueMs(state)) : NOW;
    const due = RATINGS.map((r) => dueMs(rate(state, r, when)));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(new Set(due).size, 'four different intervals').toBe(4);
  });

  test('a learned card rated Good comes back days later; Again brings it back within minutes and counts a lapse', () => {
    const card = learned();
    const when = new Date(dueMs(card));
    const good = rate(card, 'good', when);
    const again = rate(card, 'again', when);
    expect(dueMs(good) - when.getTime()).toBeGreaterThanOrEqual(DAY);
    expect(dueMs(again) - when.getTime()).toBeLessThanOrEqual(10 * MINUTE);
    expect(again.lapses).toBe(card.lapses + 1);
  });

  test('preview shows exactly what each rating saves', () => {
    const card = learned();
    const when = new Date(dueMs(card));
    const options = preview(card, when);
    for (const r of RATINGS) expect(options[r], r).toEqual(rate(card, r, when));
  });

  test('a schedule saved before ts-fsrs 5 (no learning_steps) and with a field we do not know still works', () => {
    const { learning_steps: _dropped, ...old } = learned();
    const rated = rate({ ...old, legacy_note: 'kept' }, 'good', new Date(Date.parse(old.due)));
    expect(dueMs(rated)).toBeGreaterThan(Date.parse(old.due));
    expect(rated).toHaveProperty('legacy_note', 'kept');
  });
});

describe('due and new cards', () => {
  const keys = ['d/a', 'd/b', 'd/c', 'd/d', 'd/e'];

  test('never-seen cards are new, in deck order; due cards come earliest first; others are neither', () => {
    const states = {
      'd/a': { ...learned(), due: '2025-03-05T00:00:00.000Z' },
      'd/c': { ...learned(), due: '2025-03-02T00:00:00.000Z' },
      'd/d': { ...learned(), due: '2025-04-01T00:00:00.000Z' },
      'd/e': newCard(NOW),
    };
    expect(dueAndNew(keys, states, at('2025-03-10T00:00:00.000Z'))).toEqual({ due: ['d/c', 'd/a'], fresh: ['d/b', 'd/e'] });
    expect(dueAndNew(keys, states, at('2025-03-03T00:00:00.000Z'))).toEqual({ due: ['d/c'], fresh: ['d/b', 'd/e'] });
    expect(dueAndNew(keys, {}, NOW)).toEqual({ due: [], fresh: keys });
  });

  test('a card just rated is no longer due or new', () => {
    const states = { 'd/a': rate(undefined, 'again', NOW) };
    const { due, fresh } = dueAndNew(keys, states, NOW);
    expect(due).not.toContain('d/a');
    expect(fresh).not.toContain('d/a');
  });
});

describe('schedules as the progress store keeps them', () => {
  const samples: Array<[string, FlashcardState]> = [
    ['new', newCard(NOW)],
    ['learning', rate(undefined, 'again', NOW)],
    ['review', learned()],
    ['relearning', rate(learned(), 'again', at('2025-03-20T09:00:00.000Z'))],
  ];

  test.each(samples)('a %s card matches FlashcardState and survives JSON unchanged', (_name, state) => {
    expect(flashcardStateSchema.parse(state)).toEqual(state);
    const viaJson = JSON.parse(JSON.stringify(state)) as FlashcardState;
    expect(viaJson).toEqual(state);
    const when = at('2025-06-01T00:00:00.000Z');
    expect(rate(viaJson, 'good', when)).toEqual(rate(state, 'good', when));
  });

  test('saved, exported and imported into another browser, a schedule comes back the same', () => {
    const here = createProgressStore(memoryStorage(), () => NOW);
    for (const [name, state] of samples) expect(here.saveFlashcard(`event-loop/${name}`, state)).toEqual({ ok: true });
    expect(here.getFlashcard('event-loop/review')).toEqual(samples[2]![1]);
    const file = JSON.parse(JSON.stringify(here.exportAll())) as unknown;
    expect(progressFileSchema.safeParse(file).success).toBe(true);
    const there = createProgressStore(memoryStorage(), () => NOW);
    expect(there.importAll(file)).toMatchObject({ ok: true, counts: { flashcards: samples.length } });
    for (const [name, state] of samples) expect(there.getFlashcard(`event-loop/${name}`), name).toEqual(state);
  });
});
