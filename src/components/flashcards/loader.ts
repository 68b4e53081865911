// The only flashcard code a page loads up front: a custom element that fetches the review UI with the scheduler
// (ts-fsrs) and the progress store (about 37 KB gzip together) only when needed. A lesson's deck loads when it
// comes near the viewport or gets focus; the Review page, where the deck is in view at once, loads on the
// learner's first interaction with the page, so that neither page goes over the 40 KB budget before it.
// "Start review" loads it in any case (a screen reader's browse mode sends the page no events).
import type { MountedReview } from './review.ts';

const FIRST_INTERACTION = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'focusin'] as const;

class CtFlashcards extends HTMLElement {
  #review: Promise<MountedReview> | undefined;
  #observer: IntersectionObserver | undefined;
  #onFirstInteraction = (): void => void this.load(false);

  connectedCallback(): void {
    this.querySelector('[data-fc-start]')?.addEventListener('click', () => void this.load(true));
    if (this.dataset.mode === 'review') {
      for (const type of FIRST_INTERACTION) addEventListener(type, this.#onFirstInteraction, { passive: true });
    } else if ('IntersectionObserver' in window) {
      this.addEventListener('focusin', this.#onFirstInteraction, { once: true });
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.load(false);
      }, { rootMargin: '200px' });
      this.#observer.observe(this);
    } else {
      void this.load(false);
    }
  }

  disconnectedCallback(): void {
    this.#stopWatching();
  }

  #stopWatching(): void {
    this.#observer?.disconnect();
    for (const type of FIRST_INTERACTION) removeEventListener(type, this.#onFirstInteraction);
  }

  /** Loads and mounts the review once; `focus` then puts focus on the card, as "Start review" promises. */
  async load(focus: boolean): Promise<void> {
    this.#stopWatching();
    this.#review ??= import('./review.ts').then(({ mountFlashcards }) => mountFlashcards(this));
    try {
      const review = await this.#review;
      if (focus) review.focus();
    } catch (error) {
      this.#review = undefined;
      const status = this.querySelector('[data-fc-status]');
      if (status) status.textContent = `The flashcards could not load (${(error as Error).message}). Reload the page to try again.`;
    }
  }
}

if (!customElements.get('ct-flashcards')) customElements.define('ct-flashcards', CtFlashcards);
