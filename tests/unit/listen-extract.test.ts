// What "Listen" reads from a lesson: a small lesson built as Starlight renders it (heading anchors, Expressive
// Code frames, tabs, an aside, a glossary term with its hidden tooltip, the sandbox and flashcards widgets).
import { describe, expect, test } from 'vitest';
import { extractBlocks, isSkipped, type ReadableNode } from '../../src/components/listen/extract.ts';
import { MAX_CHUNK, chunkText } from '../../src/components/listen/chunk.ts';

interface FakeElement extends ReadableNode {
  readonly childNodes: ReadableNode[];
  getAttribute(name: string): string | null;
}

/** A minimal element: enough of the DOM for the extraction, nothing more. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: (ReadableNode | string)[]): FakeElement {
  return {
    nodeType: 1,
    nodeName: tag.toUpperCase(),
    nodeValue: null,
    childNodes: children.map((c) => (typeof c === 'string' ? { nodeType: 3, nodeName: '#text', nodeValue: c, childNodes: [] } : c)),
    getAttribute: (name) => attrs[name] ?? null,
  };
}

const heading = (level: number, text: string) =>
  h('div', { class: `sl-heading-wrapper level-h${level}` }, h(`h${level}`, { id: text.toLowerCase().replaceAll(' ', '-') }, text), h('a', { class: 'sl-anchor-link', href: '#x' }, h('span', { 'aria-hidden': 'true' }, h('svg', {}, '')), h('span', { class: 'sr-only' }, `Section titled “${text}”`)));
const codeBlock = (title: string, code: string) =>
  h('div', { class: 'expressive-code' }, h('figure', { class: 'frame has-title not-content' }, h('figcaption', { class: 'header' }, h('span', { class: 'title' }, title)), h('pre', { 'data-language': 'js' }, h('code', {}, code)), h('div', { class: 'copy' }, h('button', { title: 'Copy to clipboard' }, 'Copy'))));

const title = h('h1', { id: '_top' }, 'The event loop');
const content = h(
  'div',
  { class: 'sl-markdown-content' },
  h('section', { class: 'ct-level', id: 'level-overview' }, h('p', { class: 'ct-level-badge', 'data-listen-skip': '' }, 'Depth 1 of 3: quick overview'), heading(2, 'Quick overview'), '\n',
    h('p', {}, 'Node runs your code on one thread, and the ', h('ct-term', { class: 'ct-term' }, h('a', { href: '/glossary/event-loop/' }, 'event loop'), h('span', { class: 'ct-term-tip not-content', role: 'tooltip', hidden: '' }, 'The loop that picks the next callback.')), ' picks what runs next.\nEach callback runs until it reaches an ', h('code', {}, 'await'), '.'),
  ),
  heading(3, 'Macrotasks and microtasks'),
  h('ul', {}, h('li', {}, 'The ', h('strong', {}, 'macrotask queue'), ' holds timers.'), h('li', {}, 'The microtask queue holds promise reactions:', h('ul', {}, h('li', {}, h('code', {}, '.then'), ' callbacks')))),
  codeBlock('three-queues.mjs', "console.log('script: start');"),
  codeBlock('Output', 'script: start'),
  h('table', {}, h('tr', {}, h('th', {}, 'Idea'), h('td', {}, h('code', {}, 'setTimeout(fn, ms)')))),
  h('starlight-tabs', {}, h('ul', { role: 'tablist' }, h('li', {}, h('a', { role: 'tab' }, 'JavaScript'))), h('div', { role: 'tabpanel' }, h('p', {}, 'Both downloads start here.')), h('div', { role: 'tabpanel', hidden: '' }, h('p', {}, 'Nothing has started yet.'))),
  h('aside', { 'aria-label': 'Chunk long work', class: 'starlight-aside' }, h('p', { class: 'starlight-aside__title', 'aria-hidden': 'true' }, 'Chunk long work'), h('div', { class: 'starlight-aside__content' }, h('p', {}, 'Yield with setImmediate between chunks.'))),
  h('div', { class: 'ct-memory-aid', role: 'note', 'aria-label': 'Memory aid: Rhyme' }, h('p', { 'aria-hidden': 'true' }, h('span', {}, 'Rhyme')), h('blockquote', {}, h('p', {}, 'Finish the stack before you stop,', h('br'), '\ndrain the microtasks to the last drop.'))),
  h('details', {}, h('summary', {}, 'Why?'), h('p', {}, 'Because the loop says so.')),
  h('ct-sandbox', { class: 'ct-sandbox not-content' }, h('h2', {}, 'Try it: Yield to the loop'), h('button', {}, 'Open the editor')),
  h('ct-flashcards', { class: 'ct-fc not-content' }, h('h2', {}, 'Flashcards: The event loop')),
);

describe('extractBlocks', () => {
  const blocks = extractBlocks([title, content]);
  const texts = blocks.map((b) => b.text);

  test('reads the title, headings, paragraphs and list items in order, one block each', () => {
    expect(texts).toEqual([
      'The event loop',
      'Quick overview',
      'Node runs your code on one thread, and the event loop picks what runs next. Each callback runs until it reaches an await.',
      'Macrotasks and microtasks',
      'The macrotask queue holds timers.',
      'The microtask queue holds promise reactions:',
      '.then callbacks',
      'Both downloads start here.',
      'Chunk long work',
      'Yield with setImmediate between chunks.',
      'Memory aid: Rhyme',
      'Finish the stack before you stop, drain the microtasks to the last drop.',
      'Why?',
    ]);
  });

  test('marks headings, and each block keeps the element to highlight', () => {
    expect(blocks.filter((b) => b.heading).map((b) => b.text)).toEqual(['The event loop', 'Quick overview', 'Macrotasks and microtasks']);
    expect(blocks[1]!.node.nodeName).toBe('H2');
    expect(blocks[2]!.node.nodeName).toBe('P');
  });

  test('skips code blocks and their Output, tables, tab lists, hidden panels, tooltips, anchors, widgets and badges', () => {
    const all = texts.join('\n');
    for (const unread of ["console.log('script: start')", 'script: start', 'three-queues.mjs', 'Copy', 'setTimeout(fn, ms)', 'JavaScript', 'Nothing has started yet', 'The loop that picks', 'Section titled', 'Try it', 'Open the editor', 'Flashcards:', 'Depth 1 of 3', 'Because the loop says so']) {
      expect(all, `"${unread}" is not read`).not.toContain(unread);
    }
  });

  test('an open <details> is read in full', () => {
    const open = h('details', { open: '' }, h('summary', {}, 'Why?'), h('p', {}, 'Because.'));
    expect(extractBlocks([open]).map((b) => b.text)).toEqual(['Why?', 'Because.']);
  });

  test('a root that is itself skipped gives nothing', () => {
    expect(extractBlocks([h('pre', {}, 'code')])).toEqual([]);
    expect(isSkipped(h('div', { 'data-listen-skip': '' }))).toBe(true);
    expect(isSkipped(h('p'))).toBe(false);
  });
});

describe('chunkText', () => {
  test('short text is one piece, with whitespace tidied', () => {
    expect(chunkText('  One   sentence.\n')).toEqual(['One sentence.']);
    expect(chunkText('   ')).toEqual([]);
  });

  test('long text is split at sentence ends into pieces that fit, none lost', () => {
    const sentence = (n: number) => `Sentence number ${n} says a little about the event loop and its queues.`;
    const text = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(' ');
    const pieces = chunkText(text, 160);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(160);
      expect(piece).toMatch(/\.$/);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  test('a sentence longer than the limit is split at commas, then at spaces', () => {
    const long = Array.from({ length: 30 }, (_, i) => `clause ${i}`).join(', ') + '.';
    const pieces = chunkText(long, 60);
    expect(pieces.every((p) => p.length <= 60)).toBe(true);
    expect(pieces[0]).toMatch(/,$/);
    expect(pieces.join(' ')).toBe(long);
    const words = Array.from({ length: 40 }, () => 'word').join(' ');
    expect(chunkText(words, 50).every((p) => p.length <= 50)).toBe(true);
    expect(chunkText(words, 50).join(' ')).toBe(words);
  });

  test('the default limit keeps pieces short', () => {
    expect(MAX_CHUNK).toBeLessThanOrEqual(250);
  });
});
