// Docs as tests: a lesson's code sample that states its output is marked `runnable`, and its output follows in
// a `txt` block titled "Output". The tests run every such sample and compare. See the README's "Writing lessons".

export interface RunnableSample {
  /** Line (1-based) of the opening fence, for messages. */
  line: number;
  /** The sample's file name from `title="..."`; its extension fixes the module type. */
  filename: string;
  code: string;
  /** One entry per Output block that follows the sample. */
  expected: ExpectedOutput[];
}

/**
 * What one Output block promises. `title="Output"`: exactly this, on every Node. `title="Output on Node 20"`:
 * only on that major version (a sample may be followed by one block per version). `, one of` after either
 * (`title="Output, one of"`): the block lists outputs separated by a line that says `or`, and every run must
 * print one of them; this is how a lesson shows an order Node does not fix, instead of promising one.
 */
export interface ExpectedOutput {
  /** The Node major version the block is for; undefined: every version. */
  node?: number | undefined;
  /** The outputs that count as right (one entry unless the block is `, one of`). */
  alternatives: string[];
}

const OUTPUT_TITLE = /^Output(?: on Node (\d+))?(, one of)?$/;

/** Parses an Output block's title and body; undefined when the title is not an Output title. */
export function parseOutputBlock(titleText: string | undefined, body: string): ExpectedOutput | undefined {
  const m = titleText?.match(OUTPUT_TITLE);
  if (!m) return undefined;
  const alternatives = m[2] ? body.split(/^or$/m).map((alt) => alt.replace(/^\n+|\n+$/g, '')) : [body];
  return { node: m[1] ? Number(m[1]) : undefined, alternatives };
}

/** The outputs a run on Node `major` may print, or undefined when no Output block covers that version. */
export function expectedOn(sample: RunnableSample, major: number): string[] | undefined {
  const block = sample.expected.find((e) => e.node === major) ?? sample.expected.find((e) => e.node === undefined);
  return block?.alternatives;
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
    const expected: ExpectedOutput[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const next = blocks[j]!;
      const parsed = next.lang === 'txt' ? parseOutputBlock(title(next.meta), next.body) : undefined;
      if (!parsed) break;
      if (/, one of"/.test(next.meta) && parsed.alternatives.length < 2) {
        problems.push({ line: next.line, message: `an "Output, one of" block lists two or more outputs, separated by a line that says "or"` });
      }
      expected.push(parsed);
    }
    if (!expected.length) {
      problems.push({ line: block.line, message: `runnable sample "${filename}" must be followed by a \`\`\`txt title="Output" block (or "Output on Node 20", "Output, one of")` });
      return;
    }
    samples.push({ line: block.line, filename, code: block.body + '\n', expected });
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
