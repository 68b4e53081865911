// Every sentence the dashboard shows, in one place. Export and import say what the sandbox says, from the
// shared TRANSFER_MESSAGES, so the learner reads the same words wherever they move their progress.
import type { Count, ExerciseState, NextStep } from './summary.ts';
import { TRANSFER_MESSAGES } from '../progress/messages.ts';

export const MESSAGES = {
  ...TRANSFER_MESSAGES,
  notPersistent: 'This browser blocks site storage, so progress lasts only until the page is closed: use "Export progress" to keep a copy.',
} as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function lessonsLine(count: Count): string {
  return `${count.done} of ${plural(count.total, 'lesson')} read`;
}

export function exercisesLine(count: Count & { attempted: number }): string {
  const base = `${count.done} of ${plural(count.total, 'exercise')} passed`;
  return count.attempted ? `${base}, ${count.attempted} more attempted` : base;
}

export function cardsLine(cards: { due: number; new: number; total: number }): string {
  if (!cards.total) return 'No flashcards yet';
  return `${plural(cards.due, 'card')} due now, ${cards.new} new, of ${cards.total}`;
}

export const EXERCISE_STATE_TEXT: Record<ExerciseState, string> = { passed: 'Passed', attempted: 'Attempted', 'not started': 'Not started' };

export function nextLine(next: NextStep): { lead: string; title?: string; href?: string } {
  if (next.kind === 'done') return { lead: 'You have read every lesson and passed every exercise so far. Keep your flashcards going.' };
  if (next.kind === 'lesson') return { lead: 'Read next:', title: next.item.title, href: next.item.href };
  return { lead: next.started ? 'Finish the exercise:' : 'Try the exercise:', title: next.item.title, href: next.item.href };
}

export function nextDueLine(nextDue: string | undefined, now: Date): string {
  if (nextDue === undefined) return '';
  const days = Math.ceil((Date.parse(nextDue) - now.getTime()) / 86_400_000);
  return days <= 1 ? 'More cards come due within a day.' : `The next card comes due in ${days} days.`;
}
