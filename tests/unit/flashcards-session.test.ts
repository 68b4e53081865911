// What a review session shows next, how intervals read, and how card text and deck data reach the page.
import { describe, expect, test } from 'vitest';
import { rate } from '../../src/lib/flashcards/schedule.ts';
import { LEARN_AHEAD_MS, nextDue, pickNext } from '../../src/lib/flashcards/session.ts';
import { formatDueIn, formatInterval } from '../../src/lib/flashcards/interval.ts';
import { inlineCode } from '../../src/lib/flashcards/text.ts';
import { deckPayload, inCourseOrder, jsonForScript } from '../../src/lib/flashcards/deck.ts';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const MINUTE = 60_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);
const keys = ['m/one', 'm/two'];

describe('the next card in a session', () => {
  test('a due card before a new one, a new one before a card still in its learning steps', () => {
    const learnedOne = rate(rate(undefined, 'good', NOW), 'good', later(10 * MINUTE)); // due in days
    expect(pickNext(keys, { 'm/one': learnedOne }, later(60 * MINUTE))).toEqual({ key: 'm/two', kind: 'new' });
    expect(pickNext(keys, { 'm/one': learnedOne }, later(30 * 24 * 60 * MINUTE))).toEqual({ key: 'm/one', kind: 'due' });
    const learning = rate(undefined, 'good', NOW); // due in 10 min
    expect(pickNext(keys, { 'm/one': learning }, NOW)).toEqual({ key: 'm/two', kind: 'new' });
    expect(pickNext(keys, { 'm/one': learning, 'm/two': rate(undefined, 'easy', NOW) }, NOW)).toEqual({ key: 'm/one', kind: 'ahead' });
  });

  test('nothing is left when every card is due beyond the learn-ahead window', () => {
    const states = { 'm/one': rate(undefined, 'easy', NOW), 'm/two': rate(undefined, 'easy', NOW) };
    expect(pickNext(keys, states, NOW)).toBeUndefined();
    expect(pickNext(keys, { 'm/one': rate(undefined, 'good', NOW), 'm/two': states['m/two'] }, NOW, 5 * MINUTE)).toBeUndefined();
    expect(LEARN_AHEAD_MS).toBe(20 * MINUTE);
  });

  test('nextDue is the earliest rated card; undefined when none was rated', () => {
    const soon = rate(undefined, 'again', NOW);
    const states = { 'm/one': rate(undefined, 'easy', NOW), 'm/two': soon };
    expect(nextDue(keys, states)).toEqual(new Date(soon.due));
    expect(nextDue(keys, {})).toBeUndefined();
  });
});

describe('intervals in words', () => {
  test.each([
    [20_000, '1 min'],
    [MINUTE, '1 min'],
    [10 * MINUTE, '10 min'],
    [59 * MINUTE, '59 min'],
    [60 * MINUTE, '1 hour'],
    [5 * 60 * MINUTE, '5 hours'],
    [24 * 60 * MINUTE, '1 day'],
    [3 * 24 * 60 * MINUTE, '3 days'],
    [45 * 24 * 60 * MINUTE, '1.5 months'],
    [400 * 24 * 60 * MINUTE, '1.1 years'],
  ])('%i ms is "%s"', (ms, words) => {
    expect(formatInterval(ms)).toBe(words);
  });

  test('a due date reads "now" or "in …"', () => {
    expect(formatDueIn(NOW, later(MINUTE))).toBe('now');
    expect(formatDueIn(later(2 * 24 * 60 * MINUTE), NOW)).toBe('in 2 days');
  });
});

describe('card text and deck data', () => {
  test('backticks mark inline code; a lone backtick stays as it is', () => {
    expect(inlineCode('Why can `await x` freeze it?')).toEqual([
      { code: false, text: 'Why can ' },
      { code: true, text: 'await x' },
      { code: false, text: ' freeze it?' },
    ]);
    expect(inlineCode('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });

  const deck = {
    module: 'event-loop' as const,
    title: 'The event loop',
    cards: [
      { id: 'plain', front: 'Question?', back: 'Answer.', tags: [], lesson: 'event-loop/the-event-loop' },
      { id: 'predict', front: 'What does this print?', back: '</script>', code: "console.log('</script>')", runnable: 'esm' as const, tags: [], lesson: 'x' },
    ],
  };

  test('each card gets its schedule key; output cards are marked', () => {
    const payload = deckPayload(deck);
    expect(payload.cards.map((c) => [c.key, c.output, c.code])).toEqual([
      ['event-loop/plain', false, undefined],
      ['event-loop/predict', true, "console.log('</script>')"],
    ]);
    expect(payload.cards[0]).not.toHaveProperty('code');
  });

  test('the JSON cannot close its <script> element, and parses back to the same data', () => {
    const json = jsonForScript(deckPayload(deck));
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(deckPayload(deck));
  });

  test('decks follow the course order; unknown modules last', () => {
    const order = ['why-concurrency', 'event-loop', 'promises'];
    const decks = ['zzz', 'promises', 'event-loop'].map((d) => ({ deck: d }));
    expect(inCourseOrder(decks, order).map((d) => d.deck)).toEqual(['event-loop', 'promises', 'zzz']);
  });
});
