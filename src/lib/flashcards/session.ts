// Which card a review session shows next, and when the learner should come back once nothing is left.
import { dueAndNew, isNew, type States } from './schedule.ts';

/**
 * Like Anki's "learn ahead limit": when nothing else is left, a card in its short learning steps (rated a minute
 * or ten ago) that comes due within this window is shown now rather than ending the session.
 */
export const LEARN_AHEAD_MS = 20 * 60_000;

export type NextCard = { key: string; kind: 'due' | 'new' | 'ahead' };

/** The card to show at `now`: the earliest due, else the first new one, else one due within `learnAheadMs`. */
export function pickNext(keys: readonly string[], states: States, now: Date, learnAheadMs = LEARN_AHEAD_MS): NextCard | undefined {
  const { due, fresh } = dueAndNew(keys, states, now);
  if (due[0] !== undefined) return { key: due[0], kind: 'due' };
  if (fresh[0] !== undefined) return { key: fresh[0], kind: 'new' };
  const soon = dueAndNew(keys, states, new Date(now.getTime() + learnAheadMs)).due[0];
  return soon === undefined ? undefined : { key: soon, kind: 'ahead' };
}

/** When the earliest rated card among `keys` is due; undefined when no card has been rated. */
export function nextDue(keys: readonly string[], states: States): Date | undefined {
  let earliest: number | undefined;
  for (const key of keys) {
    const state = states[key];
    if (state === undefined || isNew(state)) continue;
    const due = Date.parse(state.due);
    if (earliest === undefined || due < earliest) earliest = due;
  }
  return earliest === undefined ? undefined : new Date(earliest);
}
