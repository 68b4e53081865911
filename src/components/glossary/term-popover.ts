// <ct-term>: the glossary popover behind <Term>. The definition is already in the page (a hidden role="tooltip"
// element the link's aria-describedby names), so this only shows and hides it: on hover, keyboard focus and tap.
// The rules (WCAG 1.4.13: hoverable, dismissible with Escape, persistent) are in lib/glossary/popover.ts.
import { CLOSED, isOpen, nextState, type PopoverEvent } from '../../lib/glossary/popover.ts';

/** Grace period before a popover closes when the pointer leaves, so a slightly curved path onto it still works. */
const LEAVE_DELAY_MS = 300;
const EDGE_PX = 8;
let shown: CtTerm | undefined;

class CtTerm extends HTMLElement {
  #state = CLOSED;
  #leaveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pointer that last came down on the term was a finger or pen, and whether the popover was open then. */
  #touch = false;
  #openWhenTouched = false;

  connectedCallback(): void {
    for (const type of ['pointerenter', 'pointerleave', 'pointerdown', 'focusin', 'focusout', 'click']) this.addEventListener(type, this);
  }

  disconnectedCallback(): void {
    this.close();
  }

  close(): void {
    this.#send('close');
  }

  handleEvent(event: Event): void {
    const pointer = event instanceof PointerEvent ? event.pointerType : '';
    switch (event.type) {
      case 'pointerenter':
        if (pointer !== 'mouse') return; // a tap also "enters"; taps are handled by click below
        clearTimeout(this.#leaveTimer);
        return this.#send('pointer-enter');
      case 'pointerleave':
        if (pointer === 'mouse') this.#leaveTimer = setTimeout(() => this.#send('pointer-leave'), LEAVE_DELAY_MS);
        return;
      case 'focusin':
        return this.#send('focus-in');
      case 'focusout':
        if (!this.contains((event as FocusEvent).relatedTarget as Node | null)) this.#send('focus-out');
        return;
      case 'keydown':
        if ((event as KeyboardEvent).key === 'Escape') this.#send('escape');
        return;
      case 'pointerdown':
        if (event.currentTarget === document) {
          if (!this.contains(event.target as Node)) this.#send('tap-outside');
        } else {
          this.#touch = pointer !== 'mouse';
          this.#openWhenTouched = isOpen(this.#state);
        }
        return;
      case 'click': {
        // A tap focuses the link (which opens the popover) before its click, so decide on the state at touch-down:
        // the first tap shows the definition, a tap while it was showing follows the link. detail is 0 for Enter.
        const onLink = (event.target as Element).closest('a') !== null;
        if (onLink && this.#touch && (event as MouseEvent).detail > 0 && !this.#openWhenTouched) {
          event.preventDefault();
          this.#send('tap');
        }
        this.#touch = false;
        return;
      }
    }
  }

  #send(event: PopoverEvent): void {
    const tip = this.querySelector<HTMLElement>('[role="tooltip"]');
    const wasOpen = isOpen(this.#state);
    this.#state = nextState(this.#state, event);
    const open = isOpen(this.#state);
    if (!tip || open === wasOpen) return;
    tip.hidden = !open;
    // Escape and taps elsewhere matter only while a popover is open, wherever focus and the pointer are.
    for (const type of ['keydown', 'pointerdown']) document[open ? 'addEventListener' : 'removeEventListener'](type, this);
    if (open) {
      if (shown !== this) shown?.close();
      shown = this;
      place(tip, this.querySelector('a'));
    } else if (shown === this) {
      shown = undefined;
    }
  }
}

/**
 * Keeps the popover inside the text column (the right-hand table of contents would cover it) and the viewport:
 * shifted left near the right edge, above the term near the bottom of the window.
 */
function place(tip: HTMLElement, link: Element | null): void {
  const column = (tip.closest('.sl-markdown-content') ?? document.documentElement).getBoundingClientRect();
  const left = Math.max(column.left, EDGE_PX);
  const right = Math.min(column.right, document.documentElement.clientWidth - EDGE_PX);
  tip.style.left = '';
  tip.style.maxWidth = `min(22rem, ${Math.max(right - left, 0)}px)`;
  delete tip.dataset.above;
  const box = tip.getBoundingClientRect();
  const shift = box.right > right ? Math.max(right - box.right, left - box.left) : 0;
  if (shift) tip.style.left = `${shift}px`;
  const top = link?.getBoundingClientRect().top ?? 0;
  if (box.bottom > innerHeight && top - box.height > 0) tip.dataset.above = '';
}

if (!customElements.get('ct-term')) customElements.define('ct-term', CtTerm);
