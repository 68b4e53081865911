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
