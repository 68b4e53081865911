// When a <Term> popover is open: a small state machine, kept apart from the DOM so it can be tested.
// WCAG 1.4.13 (content on hover or focus): it stays open while the pointer is over the term or the popover, or
// while the link has focus; Escape hides it without moving either, until the pointer or focus comes back.

export interface PopoverState {
  readonly hovered: boolean;
  readonly focused: boolean;
  /** Opened by a tap on a touch screen: open until a tap elsewhere, Escape, or focus leaving. */
  readonly pinned: boolean;
  /** Hidden with Escape: stays hidden while the pointer or focus that opened it is still there. */
  readonly dismissed: boolean;
}

export type PopoverEvent = 'pointer-enter' | 'pointer-leave' | 'focus-in' | 'focus-out' | 'tap' | 'tap-outside' | 'escape' | 'close';

export const CLOSED: PopoverState = { hovered: false, focused: false, pinned: false, dismissed: false };

export function isOpen(state: PopoverState): boolean {
  return !state.dismissed && (state.hovered || state.focused || state.pinned);
}

export function nextState(state: PopoverState, event: PopoverEvent): PopoverState {
  switch (event) {
    case 'pointer-enter':
      return { ...state, hovered: true, dismissed: false };
    case 'pointer-leave':
      return { ...state, hovered: false };
    case 'focus-in':
      return { ...state, focused: true, dismissed: false };
    case 'focus-out':
      return { ...state, focused: false, pinned: false };
    case 'tap':
      return { ...state, pinned: true, dismissed: false };
    case 'tap-outside':
      return { ...state, pinned: false };
    case 'escape':
      return { ...state, pinned: false, dismissed: true };
    case 'close':
      // Another term's popover opened: only one is shown at a time.
      return CLOSED;
  }
}

