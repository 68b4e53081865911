import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cookDinner } from '#subject/dinner.ts';
import { Kitchen, MENU, MINUTE_MS, type Dish } from '#support/kitchen.ts';

// Fake timers: every dish step is a setTimeout, and the grader moves the clock one kitchen minute at a time, so
// "when did dinner finish" is an exact minute on a virtual clock, never a measured duration.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

interface Outcome {
  plates: unknown;
  error?: unknown;
  /** Kitchen minute at which cookDinner's promise settled. */
  at: number;
  /** How many dishes the kitchen had plated at that moment. */
  platedThen: number;
}

/** Starts cookDinner and moves the clock a minute at a time until its promise settles (or `limit` minutes pass). */
async function serve(kitchen: Kitchen, limit = 40): Promise<Outcome | undefined> {
  let outcome: Outcome | undefined;
  const settle = (plates: unknown, error?: unknown) => {
    outcome = { plates, at: kitchen.now(), platedThen: kitchen.plated };
    if (error !== undefined) outcome.error = error;
  };
  try {
    cookDinner(kitchen).then(
      (plates) => settle(plates),
      (error: unknown) => settle(undefined, error ?? 'rejected'),
    );
  } catch (error) {
    settle(undefined, error);
  }
  await vi.advanceTimersByTimeAsync(0);
  for (let minute = 1; minute <= limit && !outcome; minute++) await vi.advanceTimersByTimeAsync(MINUTE_MS);
  return outcome;
}

/** The outcome, or a failure that says the promise never settled. */
async function served(kitchen: Kitchen, what: string): Promise<Outcome> {
  const outcome = await serve(kitchen);
  expect(outcome, `${what}: cookDinner's promise had not settled after 40 kitchen minutes`).toBeDefined();
  expect(
    outcome!.error,
    `${what}: cookDinner rejected or threw: ${outcome!.error instanceof Error ? outcome!.error.message : String(outcome!.error)}`,
  ).toBeUndefined();
  return outcome!;
}

const namesOf = (plates: unknown): unknown =>
  Array.isArray(plates) ? plates.map((p) => (typeof p === 'object' && p !== null ? (p as { dish?: unknown }).dish : p)) : plates;

/** Explains a wrong finishing minute: too early means nobody waited, too late means the dishes took turns. */
const whyAt = (at: number, longest: number) =>
  at < longest
    ? 'It resolved before the longest dish was plated: something was not awaited'
    : at > longest
      ? 'Awaiting each dish before starting the next adds the times up'
      : 'On time';

/** When each dish on the menu was started, in menu order: "soup at minute 0, steak at minute 6, cake never started". */
const startMinutes = (kitchen: Kitchen) =>
  kitchen.menu
    .map((d) => {
      const line = kitchen.log.find((entry) => entry.endsWith(`: start ${d.name}`));
      return `${d.name} ${line === undefined ? 'never started' : `at minute ${line.slice(0, line.indexOf(':'))}`}`;
    })
    .join(', ');

const dish = (name: string, ...minutes: number[]): Dish => ({
  name,
  steps: minutes.map((m, i) => ({ action: `step ${i + 1}`, minutes: m })),
});

// Four dishes: 3, 5, 1 and 5 minutes long. Finishing order c, a, then b and d together; menu order a, b, c, d.
const FOUR = [dish('a', 3), dish('b', 2, 3), dish('c', 1), dish('d', 4, 1)];

describe('1. Cook every dish and plate it', () => {
  test('resolves with one plate per dish on the menu', async () => {
    const kitchen = new Kitchen();
    const { plates } = await served(kitchen, "tonight's menu");
    expect(Array.isArray(plates), 'cookDinner should resolve with an array of plates').toBe(true);
    expect(
      [...(namesOf(plates) as string[])].sort(),
      `the dishes on the plates you returned (kitchen log: ${kitchen.log.join(', ')})`,
    ).toEqual(['cake', 'soup', 'steak']);
  });

  test('resolves only once every dish has been plated', async () => {
    const kitchen = new Kitchen();
    const { platedThen, plates } = await served(kitchen, "tonight's menu");
    const why =
      platedThen > 3
        ? 'More plates than dishes: cook() was called more than once for some dish (each call cooks it anew)'
        : 'A promise nobody awaits (for example one made inside forEach) lets the function return while the food is still cooking';
    expect(
      platedThen,
      `dishes plated when cookDinner resolved (it resolved with ${JSON.stringify(plates)}; kitchen log: ${kitchen.log.join(', ')}). ${why}`,
    ).toBe(3);
  });

  test('cooks each dish exactly once', async () => {
    const kitchen = new Kitchen(FOUR);
    await served(kitchen, 'a four-dish menu');
    expect(
      kitchen.log.filter((line) => line.includes('start')).length,
      `how many times cook() was called for a four-dish menu (kitchen log: ${kitchen.log.join(', ')})`,
    ).toBe(4);
  });
});

describe('2. Cook the dishes at the same time', () => {
  test("dinner is ready when the longest dish is: minute 8, not 6 + 4 + 8 = 18", async () => {
    const kitchen = new Kitchen();
    const { at } = await served(kitchen, "tonight's menu");
    expect(
      at,
      `the kitchen minute at which cookDinner resolved (kitchen log: ${kitchen.log.join(', ')}). ${whyAt(at, 8)}`,
    ).toBe(8);
  });

  test('all dishes are on the stove at once', async () => {
    const kitchen = new Kitchen();
    await served(kitchen, "tonight's menu");
    expect(kitchen.maxInFlight, `the most dishes cooking at the same moment (kitchen log: ${kitchen.log.join(', ')})`).toBe(3);
    expect(
      startMinutes(kitchen),
      `when each dish went on the stove (kitchen log: ${kitchen.log.join(', ')}). Every dish must start at minute 0, ` +
        'in any order: call cook() for all of them before awaiting any',
    ).toBe('soup at minute 0, steak at minute 0, cake at minute 0');
  });

  test('works for any menu: four dishes of 3, 5, 1 and 5 minutes are ready at minute 5', async () => {
    const kitchen = new Kitchen(FOUR);
    const { at } = await served(kitchen, 'a four-dish menu');
    expect(at, `the kitchen minute at which cookDinner resolved (kitchen log: ${kitchen.log.join(', ')}). ${whyAt(at, 5)}`).toBe(5);
    expect(kitchen.maxInFlight, 'the most dishes cooking at the same moment').toBe(4);
  });
});

describe('3. Serve in menu order', () => {
  test("tonight's plates come in menu order, although the steak is ready first", async () => {
    const kitchen = new Kitchen();
    const { plates } = await served(kitchen, "tonight's menu");
    expect(
      namesOf(plates),
      `the dishes in the order you returned them (menu order is ${MENU.map((d) => d.name).join(', ')}; kitchen log: ${kitchen.log.join(', ')})`,
    ).toEqual(['soup', 'steak', 'cake']);
  });

  test('each plate is the one the kitchen handed out, with its platedAt minute', async () => {
    const kitchen = new Kitchen(FOUR);
    const { plates } = await served(kitchen, 'a four-dish menu');
    expect(plates, 'the plates for the four-dish menu, in menu order').toEqual([
      { dish: 'a', platedAt: 3 },
      { dish: 'b', platedAt: 5 },
      { dish: 'c', platedAt: 1 },
      { dish: 'd', platedAt: 5 },
    ]);
  });
});
