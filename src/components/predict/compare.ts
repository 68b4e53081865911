// Predict, then reveal: a learner's predicted output against what Node prints, line by line. Pure, so the page's
// script and the unit tests share it; small, because every lesson page loads it.

export interface LineVerdict {
  /** What the learner wrote on this line; undefined when the prediction ran out of lines. */
  predicted: string | undefined;
  /** What Node prints on this line; undefined when the prediction has more lines than the output. */
  expected: string | undefined;
  right: boolean;
}

export interface Comparison {
  lines: LineVerdict[];
  /** Lines right out of `lines.length` (the longer of the prediction and the output). */
  right: number;
  /** Which output was compared with: its index among the alternatives (0 unless the block is "one of"). */
  alternative: number;
}

/** Spacing is not part of a prediction: nobody should lose a line for two spaces where Node prints one. */
const tidy = (line: string): string => line.trim().replace(/\s+/g, ' ');

/** The lines of a text, without the blank lines that open or close it (a textarea's last Enter, say). */
export function outputLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0]!.trim()) lines.shift();
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return lines;
}

function compareWith(predicted: string[], expected: string[], alternative: number): Comparison {
  const lines: LineVerdict[] = [];
  let right = 0;
  for (let i = 0; i < Math.max(predicted.length, expected.length); i++) {
    const p = predicted[i];
    const e = expected[i];
    const ok = p !== undefined && e !== undefined && tidy(p) === tidy(e);
    if (ok) right++;
    lines.push({ predicted: p, expected: e, right: ok });
  }
  return { lines, right, alternative };
}

/**
 * Compares line i of the prediction with line i of the output: the order is what most samples teach, so a line
 * that appears elsewhere in the output is still wrong here. With several possible outputs (an order Node does not
 * fix), the prediction is held against the one it gets most lines of (the first of those on a tie).
 */
export function compareLines(prediction: string, alternatives: readonly string[]): Comparison {
  const predicted = outputLines(prediction);
  let best: Comparison | undefined;
  alternatives.forEach((output, i) => {
    const c = compareWith(predicted, outputLines(output), i);
    if (!best || c.right > best.right) best = c;
  });
  return best ?? compareWith(predicted, [], 0);
}

/** "4 of 6 lines right", as the live region announces it. */
export function summarize(c: Comparison): string {
  const n = c.lines.length;
  if (n > 1 && c.right === n) return `All ${n} lines right`;
  return `${c.right} of ${n} ${n === 1 ? 'line' : 'lines'} right`;
}

/**
 * The output's lines in another order, for a learner who would rather order than write: the lines themselves
 * are given away, their order is the question. Never the answer's own order, unless every order reads the same.
 */
export function scrambled(output: string, random: () => number = Math.random): string {
  const lines = outputLines(output);
  const answer = lines.join('\n');
  if (new Set(lines).size < 2) return answer;
  for (let attempt = 0; attempt < 10; attempt++) {
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    const text = lines.join('\n');
    if (text !== answer) return text;
  }
  // A random source that keeps landing on the answer: moving the first line last always changes the order here.
  const [first, ...rest] = outputLines(output);
  return [...rest, first].join('\n');
}

/**
 * Alt+Up and Alt+Down in the prediction: the line holding the caret swaps with the one above or below, and the
 * caret goes with it. Undefined at the first or last line, where there is nowhere to go.
 */
export function moveLine(text: string, caret: number, by: -1 | 1): { text: string; caret: number } | undefined {
  const lines = text.split('\n');
  const row = text.slice(0, caret).split('\n').length - 1;
  const to = row + by;
  if (to < 0 || to >= lines.length) return undefined;
  const column = caret - (text.lastIndexOf('\n', caret - 1) + 1);
  [lines[row], lines[to]] = [lines[to]!, lines[row]!];
  const start = lines.slice(0, to).reduce((sum, l) => sum + l.length + 1, 0);
  return { text: lines.join('\n'), caret: start + Math.min(column, lines[to]!.length) };
}
