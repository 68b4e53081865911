// Predict-then-reveal's buttons, loaded on first use (boot.ts): "Compare with Node" opens the output's disclosure,
// lists the prediction line by line, right or wrong, and puts the score in the form's live region; "Give me the
// lines to put in order" fills the prediction with the output's lines, shuffled.
import { compareLines, moveLine, scrambled, summarize, type LineVerdict } from './compare.ts';

const code = (text: string): HTMLElement => {
  const el = document.createElement('code');
  el.textContent = text;
  return el;
};

function lineItem({ predicted, expected, right }: LineVerdict): HTMLLIElement {
  const li = document.createElement('li');
  li.toggleAttribute('data-right', right);
  const mark = document.createElement('span');
  mark.className = 'ct-predict-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = right ? '✓' : '✗';
  const word = document.createElement('span');
  word.className = 'sr-only';
  word.textContent = right ? 'Right: ' : 'Wrong: ';
  li.append(mark, word, predicted === undefined ? '(no line)' : predicted.trim() ? code(predicted) : '(blank line)');
  if (!right) {
    const note = document.createElement('span');
    note.className = 'ct-predict-expected';
    note.append(' — Node prints ', expected === undefined ? 'nothing more' : expected.trim() ? code(expected) : 'a blank line');
    li.append(note);
  }
  return li;
}

/** Emptied first, so that the same summary twice in a row is announced twice. */
function say(status: HTMLElement, text: string): void {
  status.textContent = '';
  setTimeout(() => (status.textContent = text), 50);
}

export function press(button: HTMLButtonElement): void {
  const root = button.closest<HTMLElement>('.ct-predict')!;
  const find = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const input = find<HTMLTextAreaElement>('textarea');
  const expected: string[] = JSON.parse(root.dataset.expected ?? '[]');
  if (button.dataset.predict === 'order') {
    input.value = scrambled(expected[0] ?? '');
    input.focus();
    return;
  }
  const status = find<HTMLElement>('[data-predict-status]');
  const list = find<HTMLOListElement>('[data-predict-lines]');
  find<HTMLDetailsElement>('details').open = true;
  list.hidden = !input.value.trim();
  if (list.hidden) return say(status, "Nothing predicted yet: Node's output is open below.");
  const result = compareLines(input.value, expected);
  list.replaceChildren(...result.lines.map(lineItem));
  const which = expected.length > 1 ? `, compared with possible output ${result.alternative + 1} of ${expected.length}` : '';
  say(status, `${summarize(result)}${which}.`);
}

export function move(input: HTMLTextAreaElement, by: -1 | 1): void {
  const moved = moveLine(input.value, input.selectionStart, by);
  if (!moved) return;
  input.value = moved.text;
  input.setSelectionRange(moved.caret, moved.caret);
}
