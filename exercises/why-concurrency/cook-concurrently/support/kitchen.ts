/**
 * A pretend kitchen for the exercise. Each step of a dish is a timer, so cooking takes (fake) time without using
 * the CPU: it is I/O-bound work, the kind that overlaps on one thread. The grader runs it with fake timers, so one
 * kitchen minute passes in no real time at all.
 */

/** How long one kitchen minute lasts, in (fake) milliseconds. */
export const MINUTE_MS = 1000;

export interface Step {
  action: string;
  minutes: number;
}

export interface Dish {
  name: string;
  steps: readonly Step[];
}

/** A finished dish, with the kitchen minute at which it was plated. */
export interface Plated {
  dish: string;
  platedAt: number;
}

/** Tonight's menu: 6 + 4 + 8 = 18 minutes one after the other, 8 minutes side by side. */
export const MENU: readonly Dish[] = [
  {
    name: 'soup',
    steps: [
      { action: 'chop the leeks', minutes: 2 },
      { action: 'simmer', minutes: 4 },
    ],
  },
  {
    name: 'steak',
    steps: [
      { action: 'sear', minutes: 3 },
      { action: 'rest', minutes: 1 },
    ],
  },
  {
    name: 'cake',
    steps: [
      { action: 'whisk the batter', minutes: 2 },
      { action: 'bake', minutes: 6 },
    ],
  },
];

const wait = (minutes: number) => new Promise<void>((resolve) => setTimeout(resolve, minutes * MINUTE_MS));

export class Kitchen {
  /** The dishes to cook, in the order they must be served. */
  readonly menu: readonly Dish[];
  /** What happened, one line per event: "0: start soup", "6: plated soup". */
  readonly log: string[] = [];
  /** Dishes on the stove right now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** How many dishes have been plated so far. */
  plated = 0;

  readonly #openedAt = Date.now();

  constructor(menu: readonly Dish[] = MENU) {
    this.menu = menu;
  }

  /** Kitchen minutes since the kitchen opened. */
  now(): number {
    return Math.round((Date.now() - this.#openedAt) / MINUTE_MS);
  }

  /** Cooks one dish, step by step, and resolves with the plated dish. */
  async cook(dish: Dish): Promise<Plated> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.log.push(`${this.now()}: start ${dish.name}`);
    for (const step of dish.steps) await wait(step.minutes);
    this.inFlight--;
    this.plated++;
    this.log.push(`${this.now()}: plated ${dish.name}`);
    return { dish: dish.name, platedAt: this.now() };
  }
}
