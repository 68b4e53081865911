// The exercise page's side-by-side workspace (ExerciseDetails.astro): the divider between the instructions and the
// code pane, dragged with a pointer or moved with the arrow keys, and remembered. Loaded up front, so kept tiny;
// the layout itself is CSS, and an inline script applies the remembered width before the first paint.
const KEY = 'ct:v1:workspace-split';
/** The code pane's share of the window: wide enough for 80 columns at 1280 px, with room left for the text. */
const DEFAULT = 0.6;
const MIN = 0.3;
const MAX = 0.8;
/** Neither pane narrower than this, in CSS pixels, whatever the stored share. */
const MIN_PANE = 320;

const divider = document.querySelector<HTMLElement>('.ct-ws-divider');
if (divider) setUp(divider);

function setUp(divider: HTMLElement): void {
  divider.hidden = false;
  let share = read();
  const apply = (next: number, save: boolean) => {
    const limit = Math.max(MIN, Math.min(MAX, 1 - MIN_PANE / window.innerWidth));
    share = Math.min(limit, Math.max(MIN, next));
    document.documentElement.style.setProperty('--ct-ws-code', `${(share * 100).toFixed(2)}vw`);
    divider.setAttribute('aria-valuenow', String(Math.round((1 - share) * 100)));
    divider.setAttribute('aria-valuetext', `Instructions ${Math.round((1 - share) * 100)}%, code ${Math.round(share * 100)}%`);
    if (save) write(share);
  };
  divider.setAttribute('aria-valuemin', String(Math.round((1 - MAX) * 100)));
  divider.setAttribute('aria-valuemax', String(Math.round((1 - MIN) * 100)));
  apply(share, false);

  divider.addEventListener('pointerdown', (down) => {
    if (down.button !== 0) return;
    down.preventDefault();
    divider.setPointerCapture(down.pointerId);
    divider.dataset.dragging = '';
    const move = (e: PointerEvent) => apply(1 - e.clientX / window.innerWidth, false);
    const up = () => {
      delete divider.dataset.dragging;
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
      divider.removeEventListener('pointercancel', up);
      write(share);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
    divider.addEventListener('pointercancel', up);
  });
  // The separator's value is the instructions' share (the pane before it), as ARIA's window-splitter pattern has it.
  divider.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const next = { ArrowLeft: share + step, ArrowRight: share - step, Home: MAX, End: MIN }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    apply(next, true);
  });
  divider.addEventListener('dblclick', () => apply(DEFAULT, true));
}

function read(): number {
  try {
    const stored = Number(localStorage.getItem(KEY));
    return stored >= MIN && stored <= MAX ? stored : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

function write(share: number): void {
  try {
    localStorage.setItem(KEY, share.toFixed(3));
  } catch {
    // Storage blocked: the width lasts for this page only.
  }
}
