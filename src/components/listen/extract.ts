// Which text of a lesson "Listen" reads, in reading order: headings and prose, one block per paragraph, heading
// or list item. Code (blocks, their Output, tables of code), the sandbox, flashcards, tab lists, hidden and
// decorative parts are skipped. Written over the few DOM members it needs, so it is tested without a browser.

/** The part of a DOM `Node` the extraction reads; DOM nodes satisfy it. */
export interface ReadableNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<ReadableNode>;
  /** Present on elements. */
  getAttribute?(name: string): string | null;
}

export interface TextBlock<N extends ReadableNode = ReadableNode> {
  /** The element the text belongs to (to highlight while it is read). */
  node: N;
  text: string;
  heading: boolean;
}

const ELEMENT = 1;
const TEXT = 3;

/** Never read, with everything inside. */
const SKIPPED_TAGS = new Set([
  'PRE', 'TABLE', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'CANVAS', 'IFRAME', 'VIDEO', 'AUDIO',
  'INPUT', 'SELECT', 'TEXTAREA', 'CT-SANDBOX', 'CT-FLASHCARDS', 'CT-LISTEN',
]);
/** Classes that mark code (Expressive Code's frames, used for every code and Output block), widgets
 *  (Starlight's `not-content`: components that are not prose) and heading anchor links. */
const SKIPPED_CLASSES = ['expressive-code', 'not-content', 'sl-anchor-link'];
const SKIPPED_ROLES = new Set(['tablist', 'tooltip', 'dialog', 'alertdialog', 'menu', 'toolbar']);

/** Elements whose text is read as a block of its own. Everything else is inline and joins its block. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION',
  'SUMMARY', 'UL',
]);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

const tagOf = (node: ReadableNode): string => node.nodeName.toUpperCase();
const attr = (node: ReadableNode, name: string): string | null => node.getAttribute?.(name) ?? null;

export function isSkipped(node: ReadableNode): boolean {
  if (node.nodeType !== ELEMENT) return false;
  if (SKIPPED_TAGS.has(tagOf(node))) return true;
  if (attr(node, 'hidden') !== null || attr(node, 'aria-hidden') === 'true' || attr(node, 'popover') !== null) return true;
  if (attr(node, 'data-listen-skip') !== null) return true;
  if (SKIPPED_ROLES.has(attr(node, 'role') ?? '')) return true;
  const classes = (attr(node, 'class') ?? '').split(/\s+/);
  return SKIPPED_CLASSES.some((c) => classes.includes(c));
}

/** Custom elements count as inline: `<ct-term>` sits inside a sentence, and the blocks inside one that holds
 *  blocks (`<starlight-tabs>`) are still read as blocks of their own. */
const isBlock = (node: ReadableNode): boolean => BLOCK_TAGS.has(tagOf(node));

const tidy = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** An aside or note is announced by its label first, as a screen reader does (Starlight hides the visible title
 *  of its asides from assistive technology and labels the aside instead). */
function announcedLabel(node: ReadableNode): string {
  const labelled = tagOf(node) === 'ASIDE' || attr(node, 'role') === 'note';
  return labelled ? tidy(attr(node, 'aria-label') ?? '') : '';
}

/**
 * The blocks of text under `roots`, in document order. A block element's own inline text is one block; block
 * elements inside it (a list in a list item) make blocks of their own. `<br>` counts as a space, so the lines of
 * a verse are not glued together.
 */
export function extractBlocks<N extends ReadableNode>(roots: readonly N[]): TextBlock<N>[] {
  const blocks: TextBlock<N>[] = [];

  const walk = (owner: ReadableNode, parts: string[]): void => {
    const flush = (): void => {
      const text = tidy(parts.join(''));
      parts.length = 0;
      if (text) blocks.push({ node: owner as N, text, heading: HEADINGS.has(tagOf(owner)) });
    };
    const visit = (node: ReadableNode): void => {
      if (node.nodeType === TEXT) {
        parts.push(node.nodeValue ?? '');
        return;
      }
      if (node.nodeType !== ELEMENT || isSkipped(node)) return;
      if (tagOf(node) === 'BR') {
        parts.push(' ');
        return;
      }
      if (isBlock(node)) {
        flush();
        const label = announcedLabel(node);
        if (label) blocks.push({ node: node as N, text: label, heading: false });
        walk(node, []);
        return;
      }
      for (const child of Array.from(node.childNodes)) visit(child);
    };
    // A closed <details> shows only its summary.
    const closed = tagOf(owner) === 'DETAILS' && attr(owner, 'open') === null;
    for (const child of Array.from(owner.childNodes)) {
      if (closed && !(child.nodeType === ELEMENT && tagOf(child) === 'SUMMARY')) continue;
      visit(child);
    }
    flush();
  };

  for (const root of roots) {
    if (!isSkipped(root)) walk(root, []);
  }
  return blocks;
}
