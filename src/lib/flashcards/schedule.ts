// Spaced-repetition scheduling for the course's flashcards. ts-fsrs does all the scheduling; this module only
// converts between its `Card` (with Date objects) and the progress store's `FlashcardState` (ISO strings), and
// answers "what is due?" for a list of card keys.
import { Rating, createEmptyCard, fsrs, type Card, type CardInput, type Grade } from 'ts-fsrs';
import type { FlashcardState } from '../progress/format.ts';

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATINGS)[number];

const GRADES: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

// ts-fsrs's defaults (FSRS-6 weights, 90 % retention, learning steps 1 min and 10 min). Fuzz stays off, as is the
// default, so the interval a rating button shows is exactly the one that gets saved.
const scheduler = fsrs({ enable_fuzz: false });

/** The key a card's schedule is saved under: `<deck module>/<card id>`, e.g. `event-loop/microtask-drain`. */
export const cardKey = (deck: string, cardId: string): string => `${deck}/${cardId}`;

function toState(card: Card): FlashcardState {
  // The spread keeps fields a later ts-fsrs may add; the progress format keeps unknown flashcard fields too.
  const { due, last_review: lastReview, ...rest } = card;
  return { ...rest, due: due.toISOString(), ...(lastReview ? { last_review: lastReview.toISOString() } : {}) };
}

function toCard(state: FlashcardState): CardInput {
  // Schedules saved before ts-fsrs 5 lack `learning_steps` (and ts-fsrs 6 drops `elapsed_days`): start them at 0.
  return {
    ...state,
    elapsed_days: state.elapsed_days ?? 0,
    scheduled_days: state.scheduled_days ?? 0,
    learning_steps: state.learning_steps ?? 0,
    last_review: state.last_review ?? null,
  };
}

/** A card nobody has reviewed yet, due at `now`. */
export function newCard(now: Date): FlashcardState {
  return toState(createEmptyCard(now));
}

/** The schedule after the learner rates the card at `now`; `undefined` is a card never seen before. */
export function rate(state: FlashcardState | undefined, rating: RatingName, now: Date): FlashcardState {
  return toState(scheduler.next(toCard(state ?? newCard(now)), now, GRADES[rating]).card);
}

/** What each of the four ratings would schedule, for the labels on the rating buttons. */
export function preview(state: FlashcardState | undefined, now: Date): Record<RatingName, FlashcardState> {
  const options = scheduler.repeat(toCard(state ?? newCard(now)), now);
  return {
    again: toState(options[Rating.Again].card),
    hard: toState(options[Rating.Hard].card),
    good: toState(options[Rating.Good].card),
    easy: toState(options[Rating.Easy].card),
  };
}

/** A card that has never been rated: no saved state, or one still in ts-fsrs's New state. */
export const isNew = (state: FlashcardState | undefined): boolean => state === undefined || state.state === 0;

/** Whether a card the learner has already rated should be reviewed at `now`. */
export const isDue = (state: FlashcardState, now: Date): boolean => !isNew(state) && Date.parse(state.due) <= now.getTime();

export type States = Readonly<Record<string, FlashcardState | undefined>>;

/**
 * Splits `keys` into the cards due at `now`, earliest due first (ties keep the order of `keys`), and the cards
 * never rated (`fresh`), in the order of `keys`. Cards rated and not yet due are in neither.
 */
export function dueAndNew(keys: readonly string[], states: States, now: Date): { due: string[]; fresh: string[] } {
  const fresh = keys.filter((key) => isNew(states[key]));
  const due = keys
    .filter((key) => {
      const state = states[key];
      return state !== undefined && isDue(state, now);
    })
    .sort((a, b) => Date.parse(states[a]!.due) - Date.parse(states[b]!.due));
  return { due, fresh };
}
