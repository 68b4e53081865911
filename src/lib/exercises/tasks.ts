/** A numbered task heading, `## 2. Yield between chunks`, as used by instructions.md, hints.md and the grader. */
export interface TaskHeading {
  number: number;
  title: string;
}

/** The `## N. Title` headings of a markdown text, in order. */
export function taskHeadings(markdown: string): TaskHeading[] {
  const out: TaskHeading[] = [];
  for (const match of markdown.matchAll(/^##\s+(\d+)\.\s+(.+?)\s*$/gm)) out.push({ number: Number(match[1]), title: match[2]! });
  return out;
}

/** The markdown under each `## N.` heading, keyed by task number (hints revealed one task at a time). */
export function taskSections(markdown: string): Map<number, string> {
  const sections = new Map<number, string>();
  const parts = markdown.split(/^(?=##\s+\d+\.)/m);
  for (const part of parts) {
    const match = part.match(/^##\s+(\d+)\./);
    if (match) sections.set(Number(match[1]), part.replace(/^.*\n/, '').trim());
  }
  return sections;
}

/** The `describe('N. Title', ...)` blocks of a grader file, in order. */
export function graderTasks(source: string): TaskHeading[] {
  const out: TaskHeading[] = [];
  // The title is a string literal: a backslash escapes the next character (so 'the learner\'s code' works).
  for (const match of source.matchAll(/^describe\(\s*(['"`])(\d+)\.\s+((?:\\.|(?!\1)[^\\\n])+)\1/gm)) {
    out.push({ number: Number(match[2]), title: match[3]!.replace(/\\(.)/g, '$1') });
  }
  return out;
}

/** A single hint: one bullet of hints.md, in order, with the task it belongs to. */
export interface Hint {
  task: number;
  text: string;
}

/** Every hint of hints.md, one per bullet, task by task: revealed one at a time by the CLI and the sandbox. */
export function hintList(markdown: string): Hint[] {
  return [...taskSections(markdown)].flatMap(([task, body]) =>
    body
      .split(/^\s*[-*]\s+/m)
      .map((h) => h.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((text) => ({ task, text })),
  );
}

/**
 * Which hint to reveal next (its index in `hints`): the first one not yet seen of the task the learner is stuck
 * on (the first failing task of their latest run), so that a learner who passes tasks 1 and 2 is not walked
 * through their hints first; without such a task, or once its hints are all seen, the first unseen in file order.
 */
export function nextHintIndex(hints: readonly Hint[], seen: readonly number[], failingTask?: number): number | undefined {
  const unseen = hints.map((_, i) => i).filter((i) => !seen.includes(i));
  return unseen.find((i) => hints[i]!.task === failingTask) ?? unseen[0];
}

/** The task of the first failing test that belongs to a task, if any. */
export function firstFailingTask(tests: readonly { status: string; task?: number | undefined }[]): number | undefined {
  return tests.find((t) => t.status === 'fail' && t.task !== undefined)?.task;
}

/**
 * The hints revealed so far, by index. Records from before hints were revealed per task hold only a count,
 * which meant the first N in file order.
 */
export function seenHints(record: { hintsShown: number; hintsSeen?: readonly number[] | undefined } | undefined): number[] {
  if (!record) return [];
  return record.hintsSeen ? [...record.hintsSeen] : Array.from({ length: record.hintsShown }, (_, i) => i);
}

// Code in a hint: an assignment, a statement, a block, a function, a construction, a loop or condition.
const CODE = /[=;{}]|=>|\bnew\s|\b(?:for|if|while|catch)\s*\(|\.\.\.|\?\s|\s:\s|\breturn\s/;

/**
 * The code spans of a hint that are more than a name. The first hint of a task points at the concept; a name
 * (`AbortSignal.any`, `clearTimeout(timer)`, `for await`, `Map<number, Timer>`) may appear, code may not: the
 * ladder goes from the concept to where to look to code, and the first rung must not already be the answer.
 */
export function codeBeyondNames(hint: string): string[] {
  if (hint.includes('```')) return ['a code block'];
  return [...hint.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((span) => !/^[<>=!&|]+$/.test(span) && CODE.test(span));
}
