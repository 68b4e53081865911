// What a page sends to the browser about its flashcards: the decks' text with each card's schedule key. Built
// at build time from the flashcards collection and embedded in the page as JSON (a few KB), so no fetch is needed.
import type { z } from 'zod';
import type { deckSchema } from '../schemas/flashcards.ts';
import { cardKey } from './schedule.ts';

type Deck = z.infer<typeof deckSchema>;

export interface CardPayload {
  /** `<deck>/<card id>`: where the learner's schedule for the card is saved. */
  key: string;
  front: string;
  back: string;
  /** Code shown under the question. */
  code?: string;
  /** The back is the exact output of `code`, so it is shown as program output. */
  output: boolean;
}

export interface DeckPayload {
  deck: string;
  title: string;
  cards: CardPayload[];
}

export function deckPayload(deck: Deck): DeckPayload {
  return {
    deck: deck.module,
    title: deck.title,
    cards: deck.cards.map((card) => ({
      key: cardKey(deck.module, card.id),
      front: card.front,
      back: card.back,
      ...(card.code === undefined ? {} : { code: card.code }),
      output: card.runnable !== undefined,
    })),
  };
}

/**
 * JSON to put inside `<script type="application/json">`. `<` is escaped so that no text in a card (say, a
 * `</script>` in a code sample) can end the script element early; JSON.parse reads `\u003c` back as `<`.
 */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** Decks in the order of the course's modules (a deck for a module the course does not list goes last). */
export function inCourseOrder<T extends { deck: string }>(decks: readonly T[], moduleOrder: readonly string[]): T[] {
  const rank = (deck: string): number => {
    const i = moduleOrder.indexOf(deck);
    return i === -1 ? moduleOrder.length : i;
  };
  return [...decks].sort((a, b) => rank(a.deck) - rank(b.deck) || a.deck.localeCompare(b.deck));
}
