// Docs as tests: a lesson's code sample that states its output is marked `runnable`, and its output follows in
// a `txt` block titled "Output". The tests run every such sample and compare. See the README's "Writing lessons".

export interface RunnableSample {
  /** Line (1-based) of the opening fence, for messages. */
  line: number;
  /** The sample's file name from `title="..."`; its extension fixes the module type. */
  filename: string;
  code: string;
  expected: string;
}

export interface SampleProblem {
  line: number;
  message: string;
}

interface Fence {
  line: number;
  lang: string;
  meta: string;
  body: string;
}

/** Fenced code blocks of a markdown/MDX text (``` or ~~~, any length of 3 or more). */
export function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^(\s*)(`{3,}|~{3,})(\S*)\s*(.*)$/);
    if (!open) continue;
    const marker = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j]!.trim().startsWith(marker) && lines[j]!.trim().replace(/[`~]/g, '') === '') break;
      body.push(lines[j]!);
    }
    out.push({ line: i + 1, lang: open[3]!, meta: open[4]!, body: body.join('\n') });
    i = j;
  }
  return out;
}

const title = (meta: string) => meta.match(/title="([^"]*)"/)?.[1];

export const RUNNABLE_EXTENSIONS = ['.mjs', '.cjs', '.mts', '.cts'] as const;

/** Runnable samples and the problems that make a sample unrunnable (missing output, unknown module type). */
export function runnableSamples(text: string): { samples: RunnableSample[]; problems: SampleProblem[] } {
  const blocks = fences(text);
  const samples: RunnableSample[] = [];
  const problems: SampleProblem[] = [];
  blocks.forEach((block, i) => {
    if (!/(^|\s)runnable(\s|$)/.test(block.meta)) return;
    const filename = title(block.meta);
    if (!filename || !RUNNABLE_EXTENSIONS.some((ext) => filename.endsWith(ext))) {
      problems.push({ line: block.line, message: `a runnable sample needs title="<name>.mjs|.cjs|.mts|.cts" to fix its module type (got ${filename ? `"${filename}"` : 'no title'})` });
      return;
    }
    const next = blocks[i + 1];
    if (!next || next.lang !== 'txt' || title(next.meta) !== 'Output') {
      problems.push({ line: block.line, message: `runnable sample "${filename}" must be followed by a \`\`\`txt title="Output" block` });
      return;
    }
    samples.push({ line: block.line, filename, code: block.body + '\n', expected: next.body });
  });
  return { samples, problems };
}

/** The output as the tests compare it: trailing whitespace on lines and at the end does not count. */
export function normalizeOutput(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}
