// The card review, loaded on demand by loader.ts: one card at a time, "Show answer", four ratings labelled with
// the interval each would schedule, and the result saved to the progress store. The same code runs the lesson
// widget (one deck) and the Review page (every deck); Flashcards.astro renders the markup it fills in.
import type { CardPayload, DeckPayload } from '../../lib/flashcards/deck.ts';
import { formatDueIn, formatInterval } from '../../lib/flashcards/interval.ts';
import { RATINGS, dueAndNew, preview, rate, type RatingName, type States } from '../../lib/flashcards/schedule.ts';
import { nextDue, pickNext, type NextCard } from '../../lib/flashcards/session.ts';
import { inlineCode } from '../../lib/flashcards/text.ts';
import type { ProgressStore } from '../../lib/progress/store.ts';
import { el } from '../sandbox/dom.ts';
// The page's one progress store, shared with the sandboxes and any other deck on the page.
import { isPersistent, store } from '../sandbox/page-state.ts';

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const KIND_TEXT: Record<NextCard['kind'], string> = { new: 'New card', due: 'Due for review', ahead: 'Once more, while you are still learning it' };

function part<T extends HTMLElement = HTMLElement>(host: HTMLElement, name: string): T {
  const found = host.querySelector<T>(`[data-fc-${name}]`);
  if (!found) throw new Error(`the flashcards widget has no [data-fc-${name}] element`);
  return found;
}

const richText = (text: string): HTMLParagraphElement =>
  el('p', {}, ...inlineCode(text).map((p) => (p.code ? el('code', {}, p.text) : p.text)));
const codeBlock = (code: string): HTMLPreElement => el('pre', {}, el('code', {}, code));

export interface MountedReview {
  /** Moves focus to the card shown (or to "Done for today"). */
  focus(): void;
}

export function mountFlashcards(host: HTMLElement): MountedReview {
  const decks = JSON.parse(part(host, 'decks').textContent ?? '[]') as DeckPayload[];
  const review = new CardReview(host, decks);
  review.start();
  return { focus: () => review.focus() };
}

class CardReview {
  readonly #host: HTMLElement;
  readonly #store: ProgressStore;
  readonly #cards = new Map<string, { card: CardPayload; deckTitle: string }>();
  readonly #keys: string[];
  readonly #lesson: boolean;
  #current: NextCard | undefined;
  #shown: 'front' | 'back' | 'done' = 'front';
  readonly #ui;

  constructor(host: HTMLElement, decks: DeckPayload[]) {
    this.#host = host;
    this.#store = store();
    for (const deck of decks) for (const card of deck.cards) this.#cards.set(card.key, { card, deckTitle: deck.title });
    this.#keys = [...this.#cards.keys()];
    this.#lesson = host.dataset.mode !== 'review';
    const p = <T extends HTMLElement = HTMLElement>(name: string) => part<T>(host, name);
    this.#ui = {
      placeholder: p('placeholder'),
      counts: p('counts'),
      due: p('due'),
      fresh: p('new'),
      card: p('card'),
      meta: p('meta'),
      front: p('front'),
      flip: p<HTMLButtonElement>('flip'),
      back: p('back'),
      ratings: p('ratings'),
      done: p('done'),
      next: p('next'),
      status: p('status'),
      keys: p('keys'),
    };
  }

  start(): void {
    const ui = this.#ui;
    ui.flip.addEventListener('click', () => this.#flip());
    for (const button of ui.ratings.querySelectorAll<HTMLButtonElement>('[data-fc-rating]')) {
      button.addEventListener('click', () => this.#rate(button.dataset.fcRating as RatingName));
    }
    this.#host.addEventListener('keydown', (event) => this.#onKey(event));
    this.#store.subscribe((change) => {
      if (change.kind === 'all' || (change.kind === 'flashcard' && this.#cards.has(change.id))) this.#refresh();
    });
    if (!isPersistent()) {
      ui.status.textContent = 'This browser does not let the course save anything, so your schedule lasts only until you close the page.';
    }
    // Focus goes to the card when it was on "Start review" (about to be hidden) or, on the Review page, nowhere.
    const active = document.activeElement;
    const onStart = ui.placeholder.contains(active);
    const nowhere = active === null || active === document.body;
    ui.placeholder.hidden = true;
    ui.counts.hidden = false;
    this.#render(false);
    if (onStart || (!this.#lesson && nowhere)) this.focus();
  }

  focus(): void {
    // No scrolling: on the Review page this can follow a mere mouse move.
    (this.#shown === 'done' ? this.#ui.done : this.#shown === 'back' ? this.#ui.back : this.#ui.front).focus({ preventScroll: true });
  }

  #states(): States {
    return Object.fromEntries(this.#keys.map((key) => [key, this.#store.getFlashcard(key)]));
  }

  /** Shows the next card, or "Done for today"; `focus` moves focus to what is shown, for keyboard users. */
  #render(focus: boolean): void {
    const ui = this.#ui;
    const now = new Date();
    const states = this.#states();
    this.#showCounts(states, now);
    this.#current = pickNext(this.#keys, states, now);
    const entry = this.#current && this.#cards.get(this.#current.key);
    if (!this.#current || !entry) {
      this.#shown = 'done';
      const next = nextDue(this.#keys, states);
      const which = this.#lesson ? 'The next card in this deck' : 'The next card';
      ui.next.textContent = next ? `${which} is due ${formatDueIn(next, now)} (${WHEN.format(next)}).` : '';
      ui.card.hidden = true;
      ui.keys.hidden = true;
      ui.done.hidden = false;
      if (focus) ui.done.focus();
      return;
    }
    this.#shown = 'front';
    const { card, deckTitle } = entry;
    ui.card.dataset.key = card.key;
    ui.meta.textContent = this.#lesson ? KIND_TEXT[this.#current.kind] : `${deckTitle} · ${KIND_TEXT[this.#current.kind]}`;
    ui.front.replaceChildren(richText(card.front), ...(card.code === undefined ? [] : [codeBlock(card.code)]));
    ui.back.replaceChildren();
    ui.back.hidden = true;
    ui.ratings.hidden = true;
    ui.flip.hidden = false;
    ui.done.hidden = true;
    ui.keys.hidden = false;
    ui.card.hidden = false;
    if (focus) ui.front.focus();
  }

  #showCounts(states: States, now: Date): void {
    const { due, fresh } = dueAndNew(this.#keys, states, now);
    this.#ui.due.textContent = String(due.length);
    this.#ui.fresh.textContent = String(fresh.length);
  }

  /** Another widget on the page or another tab saved a card of ours. */
  #refresh(): void {
    if (this.#shown === 'done') this.#render(false);
    else this.#showCounts(this.#states(), new Date());
  }

  #flip(): void {
    const entry = this.#current && this.#cards.get(this.#current.key);
    if (this.#shown !== 'front' || !entry) return;
    const ui = this.#ui;
    const { card } = entry;
    ui.back.replaceChildren(
      el('p', { class: 'ct-fc-label' }, card.output ? 'Output' : 'Answer'),
      card.output ? codeBlock(card.back) : richText(card.back),
    );
    const now = new Date();
    const options = preview(this.#store.getFlashcard(card.key), now);
    for (const rating of RATINGS) {
      const interval = ui.ratings.querySelector(`[data-fc-rating="${rating}"] [data-fc-interval]`);
      if (interval) interval.textContent = formatInterval(Date.parse(options[rating].due) - now.getTime());
    }
    this.#shown = 'back';
    ui.flip.hidden = true;
    ui.back.hidden = false;
    ui.ratings.hidden = false;
    ui.back.focus();
  }

  #rate(rating: RatingName): void {
    const key = this.#current?.key;
    if (this.#shown !== 'back' || key === undefined) return;
    const now = new Date();
    const next = rate(this.#store.getFlashcard(key), rating, now);
    const saved = this.#store.saveFlashcard(key, next);
    this.#ui.status.textContent = saved.ok
      ? `Saved: this card comes back ${formatDueIn(new Date(next.due), now)}.`
      : `Not saved: ${saved.message}`;
    this.#render(true);
  }

  /** Space shows the answer and 1–4 rate it, while focus is inside the widget. */
  #onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || event.defaultPrevented) return;
    const target = event.target instanceof Element ? event.target : this.#host;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    if (event.key === ' ') {
      // On a button or link, Space keeps its usual meaning (a focused "Show answer" flips by itself).
      if (this.#shown !== 'front' || target.closest('button, a, summary')) return;
      event.preventDefault();
      this.#flip();
      return;
    }
    const index = ['1', '2', '3', '4'].indexOf(event.key);
    const rating = RATINGS[index];
    if (rating === undefined || this.#shown !== 'back') return;
    event.preventDefault();
    this.#rate(rating);
  }
}
