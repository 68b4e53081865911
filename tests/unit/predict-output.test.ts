// Predict, then reveal: the build-time plugin that hides a runnable sample's Output blocks in a disclosure, and
// the line-by-line comparison the page's script makes. The plugin runs in Sätteri, Astro 7's Markdown engine
// (installed with Astro and Starlight), exactly as the build runs it.
import { describe, expect, test } from 'vitest';
import { mdxToJs } from 'satteri';
import { loadContent } from '../../src/lib/content/load.ts';
import { normalizeOutput, runnableSamples } from '../../src/lib/content/samples.ts';
import { COMPONENT_NAME, SUMMARY, predictOutputEntry, predictOutputPlugin } from '../../src/plugins/predict-output.ts';
import { compareLines, moveLine, outputLines, scrambled, summarize } from '../../src/components/predict/compare.ts';

interface Node {
  type: string;
  name?: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  attributes?: { name: string; value: string }[];
  children?: Node[];
}

const LESSON_URL = new URL('../../src/content/docs/event-loop/x.mdx', import.meta.url);

/** The document's mdast after the plugin, as plain data (no positions or engine bookkeeping). */
async function transform(source: string, url: URL | undefined = LESSON_URL): Promise<{ tree: Node; js: string }> {
  let tree: Node | undefined;
  const capture = { name: 'capture', after: (root: unknown) => void (tree = JSON.parse(JSON.stringify(root, (k, v) => (['position', '_id', '_resolver'].includes(k) ? undefined : v)))) };
  const { code } = await mdxToJs(source, { mdastPlugins: [predictOutputPlugin(url), capture] });
  return { tree: tree!, js: code };
}

const all = (node: Node, test: (n: Node) => boolean): Node[] => [...(test(node) ? [node] : []), ...(node.children ?? []).flatMap((c) => all(c, test))];
const wrappers = (tree: Node) => all(tree, (n) => n.name === COMPONENT_NAME);
const attr = (node: Node, name: string) => node.attributes?.find((a) => a.name === name)?.value;
const fence = (meta: string, body: string, lang = 'txt') => `\`\`\`${lang} ${meta}\n${body}\n\`\`\`\n`;

describe('the plugin', () => {
  test("puts a runnable sample's Output block in a closed details element after the sample, and imports the component", async () => {
    const source = ['# Title\n', fence('title="a.mjs" runnable', "console.log('one');", 'js'), fence('title="Output"', 'one'), 'After.\n'].join('\n');
    const { tree, js } = await transform(source);
    expect(tree.children!.map((c) => c.name ?? c.type)).toEqual(['mdxjsEsm', 'heading', 'code', COMPONENT_NAME, 'paragraph']);
    const [wrapper] = wrappers(tree);
    expect(attr(wrapper!, 'sample')).toBe('a.mjs');
    expect(JSON.parse(attr(wrapper!, 'expected')!)).toEqual(['one']);
    expect(attr(wrapper!, 'node'), 'one output for every Node').toBeUndefined();
    const details = wrapper!.children!;
    expect(details.map((d) => d.name)).toEqual(['details']);
    expect(attr(details[0]!, 'open'), 'closed until the learner opens it').toBeUndefined();
    expect(details[0]!.children!.map((c) => c.name ?? c.type)).toEqual(['summary', 'code']);
    expect(details[0]!.children![0]!.children).toEqual([{ type: 'text', value: SUMMARY }]);
    expect(details[0]!.children![1]).toMatchObject({ lang: 'txt', meta: 'title="Output"', value: 'one' });
    // The lesson lives in src/content/docs/<module>/, three folders below src/.
    expect(js).toContain(`import ${COMPONENT_NAME} from "../../../components/PredictOutput.astro";`);
  });

  test('a sample followed by its stepper gets a "Step through it" link to it; one without gets none', async () => {
    const source = [
      fence('title="t.mjs" runnable', 'x', 'js'),
      fence('title="Output"', 'one'),
      '<LoopTrace sample="event-loop/t.mjs" />\n',
      fence('title="u.mjs" runnable', 'y', 'js'),
      fence('title="Output"', 'two'),
    ].join('\n');
    const { tree } = await transform(source);
    expect(wrappers(tree).map((w) => attr(w, 'stepper'))).toEqual(['#ct-lt-event-loop-t-mjs', undefined]);
  });

  test("puts every Output block of one sample (one per Node) in the same details, and compares with Node 24's", async () => {
    const source = [fence('title="v.mjs" runnable', 'x', 'js'), fence('title="Output on Node 20"', 'old'), fence('title="Output on Node 24, one of"', 'a\nb\nor\nb\na')].join('\n');
    const { tree } = await transform(source);
    const [wrapper, ...more] = wrappers(tree);
    expect(more, 'one disclosure for the sample').toEqual([]);
    expect(all(wrapper!, (n) => n.type === 'code').map((c) => c.meta)).toEqual(['title="Output on Node 20"', 'title="Output on Node 24, one of"']);
    expect(all(tree, (n) => n.type === 'code')).toHaveLength(3);
    expect(JSON.parse(attr(wrapper!, 'expected')!)).toEqual(['a\nb', 'b\na']);
    expect(attr(wrapper!, 'node')).toBe('24');
  });

  test('leaves other code alone: samples that are not runnable (and their Output), and blocks after a paragraph', async () => {
    const source = [
      fence('title="racy.mjs"', 'x', 'js'),
      fence('title="Output"', 'varies'),
      fence('title="b.mjs" runnable', 'y', 'js'),
      fence('title="Output"', 'y'),
      'Some prose.\n',
      fence('title="Output"', 'not the sample\'s'),
      fence('title="shell"', 'npm test', 'sh'),
    ].join('\n');
    const { tree } = await transform(source);
    expect(tree.children!.map((c) => c.name ?? c.meta ?? c.type)).toEqual([
      'mdxjsEsm', 'title="racy.mjs"', 'title="Output"', 'title="b.mjs" runnable', COMPONENT_NAME, 'paragraph', 'title="Output"', 'title="shell"',
    ]);
    expect(wrappers(tree).map((w) => attr(w, 'sample'))).toEqual(['b.mjs']);
  });

  test('works inside components (a <Level> section) and numbers the samples of a page for unique ids', async () => {
    const source = ['<Level depth="standard">\n', fence('title="a.mjs" runnable', 'x', 'js'), fence('title="Output"', '1'), '</Level>\n', fence('title="b.cjs" runnable', 'y', 'js'), fence('title="Output"', '2')].join('\n');
    const { tree } = await transform(source);
    expect(wrappers(tree).map((w) => [attr(w, 'sample'), attr(w, 'n')])).toEqual([['a.mjs', '1'], ['b.cjs', '2']]);
  });

  test('adds no import to a page without runnable samples, and is not used for plain Markdown', async () => {
    const { tree, js } = await transform(fence('title="Output"', 'x'));
    expect(wrappers(tree)).toEqual([]);
    expect(js).not.toContain(COMPONENT_NAME);
    const context = (sourceFormat: 'mdx' | 'markdown', source: string) => ({ fileURL: undefined, sourceFormat, source, data: {} });
    const entry = predictOutputEntry as (c: ReturnType<typeof context>) => unknown;
    expect(entry(context('markdown', fence('title="a.mjs" runnable', 'x', 'js')))).toBeUndefined();
    expect(entry(context('mdx', 'no samples here'))).toBeUndefined();
    expect(entry(context('mdx', fence('title="a.mjs" runnable', 'x', 'js')))).toMatchObject({ name: 'ct-predict-output' });
  });

  test('in every lesson, wraps exactly the Output blocks the content tests compare, with their text unchanged', async () => {
    for (const lesson of loadContent().lessons) {
      const body = lesson.text.replace(/^---\n[\s\S]*?\n---\n/, '');
      const { tree } = await transform(body, new URL(`../../${lesson.file}`, import.meta.url));
      const { samples } = runnableSamples(lesson.text);
      const found = wrappers(tree).map((w) => all(w, (n) => n.type === 'code').map((c) => normalizeOutput(c.value!)));
      const tested = samples.map((s) => s.expected.map((e) => normalizeOutput(e.alternatives.join('\nor\n'))));
      expect(found, lesson.file).toEqual(tested);
    }
  });
});

describe('comparing a prediction with the output', () => {
  test('marks each line right or wrong by position and counts the right ones', () => {
    const c = compareLines('sync\npromise\ntimeout\n', ['sync\ntimeout\npromise']);
    expect(c.lines).toEqual([
      { predicted: 'sync', expected: 'sync', right: true },
      { predicted: 'promise', expected: 'timeout', right: false },
      { predicted: 'timeout', expected: 'promise', right: false },
    ]);
    expect(summarize(c)).toBe('1 of 3 lines right');
  });

  test('ignores spacing and the blank lines around a prediction, not case or punctuation', () => {
    expect(summarize(compareLines('\n  a   b \r\nc\n\n', ['a b\nc']))).toBe('All 2 lines right');
    expect(compareLines('A\nc;', ['a\nc']).right).toBe(0);
  });

  test('counts missing and extra lines as wrong', () => {
    const short = compareLines('a', ['a\nb\nc']);
    expect(short.lines.slice(1)).toEqual([
      { predicted: undefined, expected: 'b', right: false },
      { predicted: undefined, expected: 'c', right: false },
    ]);
    expect(summarize(short)).toBe('1 of 3 lines right');
    const long = compareLines('a\nb\nc', ['a']);
    expect(long.lines.at(-1)).toEqual({ predicted: 'c', expected: undefined, right: false });
    expect(summarize(long)).toBe('1 of 3 lines right');
    expect(summarize(compareLines('x', ['y']))).toBe('0 of 1 line right');
  });

  test('for an order Node does not fix, compares with the closest of the possible outputs', () => {
    const c = compareLines('timeout\nimmediate', ['immediate\ntimeout', 'timeout\nimmediate']);
    expect(c.alternative).toBe(1);
    expect(c.right).toBe(2);
    expect(compareLines('neither\nmatches', ['a\nb', 'c\nd']).alternative, 'a tie goes to the first').toBe(0);
  });

  test('keeps blank lines inside an output', () => {
    expect(outputLines('\n\na\n\nb\n')).toEqual(['a', '', 'b']);
  });

  test('gives the lines to order in another order than the answer', () => {
    const answer = 'one\ntwo\nthree\nfour';
    for (const random of [Math.random, () => 0, () => 0.999]) {
      const given = scrambled(answer, random);
      expect(given).not.toBe(answer);
      expect(given.split('\n').sort()).toEqual(answer.split('\n').sort());
    }
    expect(scrambled('same\nsame'), 'no other order exists').toBe('same\nsame');
  });

  test('moves the line holding the caret up or down, caret and all', () => {
    expect(moveLine('a\nbb\nc', 3, -1)).toEqual({ text: 'bb\na\nc', caret: 1 });
    expect(moveLine('a\nbb\nc', 4, 1)).toEqual({ text: 'a\nc\nbb', caret: 6 });
    expect(moveLine('a\nbb\nc', 0, -1), 'the first line has nowhere to go up').toBeUndefined();
    expect(moveLine('a\nbb\nc', 6, 1), 'nor the last down').toBeUndefined();
  });
});
