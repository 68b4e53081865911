// The lesson diagrams (src/components/diagrams/*.astro): each is an accessible inline SVG (role="img", a title and a
// description that carry the lesson for a screen reader, a visible caption), draws its words as real <text>, takes
// every colour from the theme through course.css, keeps its text readable at the width of the lesson column, and
// appears in a lesson. The axe tests (tests/e2e/a11y.test.ts) check the rendered pages in light and dark mode.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/lib/exercises/load.ts';

const DIAGRAMS = join(PROJECT_ROOT, 'src/components/diagrams');
const LESSONS = join(PROJECT_ROOT, 'src/content/docs');
const COURSE_CSS = readFileSync(join(PROJECT_ROOT, 'src/styles/course.css'), 'utf8');

/** The pictures the reviews asked for (../shared/reviews, section (c)); more may be added. */
const REQUIRED = ['LoopPhases', 'StackAndQueues', 'WorkerChannel', 'CloneVsTransfer', 'LostUpdate', 'FutexMutex', 'BoundedQueue', 'Pipeline', 'ShutdownTimeline'];
/** Width of the lesson column in CSS px, measured in Chromium at a 1280 px window (Starlight's 45rem content width
 *  minus its padding); the brief's 720 px column is wider, so meeting this meets that. */
const COLUMN_PX = 632;
const MIN_TEXT_PX = 12;
/** "A few KB" of hand-written SVG each. */
const MAX_BYTES = 8 * 1024;

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

/** The component's markup without its frontmatter and HTML comments. */
const markupOf = (source: string): string => source.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!--[\s\S]*?-->/g, '');

/** Every opening tag with its attributes. Enough for hand-written markup whose attribute values hold no `>`. */
function tagsOf(markup: string): Tag[] {
  return [...markup.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(([, name, rest]) => ({
    name: name!,
    attrs: Object.fromEntries([...rest!.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)].map(([, key, value]) => [key!, value ?? ''])),
  }));
}

/** The text inside the first <name ...>...</name>, tags removed and spaces collapsed. */
function textOf(markup: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(markup);
  return match?.[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

const diagrams = readdirSync(DIAGRAMS)
  .filter((f) => f.endsWith('.astro'))
  .sort()
  .map((file) => {
    const source = readFileSync(join(DIAGRAMS, file), 'utf8');
    const markup = markupOf(source);
    return { name: file.replace(/\.astro$/, ''), file, source, markup, tags: tagsOf(markup) };
  });

const lessons = readdirSync(LESSONS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ file: f, text: readFileSync(join(LESSONS, f), 'utf8') }));

test('every diagram the reviews asked for exists', () => {
  expect(REQUIRED.filter((name) => !diagrams.some((d) => d.name === name))).toEqual([]);
});

describe.each(diagrams)('$file', ({ name, source, markup, tags }) => {
  const svgs = tags.filter((t) => t.name === 'svg');
  const svg = svgs[0]?.attrs ?? {};

  test('is a <figure> with one <svg role="img"> and a visible caption', () => {
    expect(tags[0]?.name, 'the outermost element').toBe('figure');
    expect(svgs).toHaveLength(1);
    expect(svg.role).toBe('img');
    expect(textOf(markup, 'figcaption')?.length ?? 0, 'figcaption text').toBeGreaterThan(20);
  });

  test('is labelled by its own <title> and <desc>, which say what it shows', () => {
    const [titleId, descId, ...more] = (svg['aria-labelledby'] ?? '').split(/\s+/);
    expect(more, 'aria-labelledby names exactly the title and the desc').toEqual([]);
    const title = tags.find((t) => t.name === 'title');
    const desc = tags.find((t) => t.name === 'desc');
    expect(title?.attrs.id, '<title id>').toBe(titleId);
    expect(desc?.attrs.id, '<desc id>').toBe(descId);
    // Inside the SVG, where assistive technology looks for them.
    const inside = markup.slice(markup.indexOf('<svg'), markup.indexOf('</svg>'));
    expect(inside).toContain(`<title id="${titleId}">`);
    expect(inside).toContain(`<desc id="${descId}">`);
    expect(textOf(markup, 'title')?.length ?? 0, 'title text').toBeGreaterThan(10);
    // A sentence or more: the description stands in for the picture.
    expect(textOf(markup, 'desc') ?? '', 'desc text').toMatch(/^.{80,}\.$/);
  });

  test('draws its words as <text>, with no raster image, foreign HTML or script', () => {
    expect(tags.filter((t) => t.name === 'text').length).toBeGreaterThan(0);
    expect(tags.map((t) => t.name).filter((n) => /^(image|img|foreignObject|script|iframe|canvas)$/i.test(n))).toEqual([]);
    expect(tags.flatMap((t) => Object.keys(t.attrs)).filter((a) => /^on/i.test(a)), 'event handler attributes').toEqual([]);
  });

  test('takes every colour from course.css, whose classes follow the theme', () => {
    const colours = tags.flatMap((t) =>
      Object.entries(t.attrs)
        .filter(([key]) => /^(fill|stroke|stop-color|flood-color|lighting-color|color)$/.test(key))
        .filter(([, value]) => !/^(none|currentColor|url\(#[\w-]+\))$/.test(value))
        .map(([key, value]) => `<${t.name} ${key}="${value}">`),
    );
    expect(colours, 'hard-coded colours').toEqual([]);
    expect(tags.filter((t) => 'style' in t.attrs).map((t) => `<${t.name} style>`), 'inline styles').toEqual([]);
    // A class missing from course.css would fall back to black text and fills, unreadable in dark mode.
    const classes = new Set(tags.flatMap((t) => (t.attrs.class ?? '').split(/\s+/).filter(Boolean)));
    expect([...classes].filter((c) => !new RegExp(`\\.${c}(?![\\w-])`).test(COURSE_CSS)), 'classes course.css does not style').toEqual([]);
  });

  test(`keeps its text at least ${MIN_TEXT_PX} px in a ${COLUMN_PX} px column`, () => {
    const viewBox = (svg.viewBox ?? '').split(/\s+/).map(Number);
    expect(viewBox, 'viewBox="0 0 width height"').toHaveLength(4);
    const scale = Math.min(1, COLUMN_PX / viewBox[2]!);
    // The root sets the size every <text> inherits; without it, text would take the page's size in viewBox units.
    expect(svg['font-size'], 'font-size on the <svg>').toBeDefined();
    const sizes = tags.filter((t) => t.attrs['font-size'] !== undefined).map((t) => Number(t.attrs['font-size']));
    expect(Math.min(...sizes) * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  });

  test('uses ids of its own, and refers only to them', () => {
    const ids = tags.map((t) => t.attrs.id).filter((id): id is string => id !== undefined);
    const prefix = svg['aria-labelledby']?.split(/\s+/)[0]?.replace(/-title$/, '') ?? '?';
    expect(ids.filter((id) => !id.startsWith(`${prefix}-`)), `ids without the prefix ${prefix}-`).toEqual([]);
    const refs = [...markup.matchAll(/(?:url\(#|href="#)([\w-]+)/g)].map((m) => m[1]!);
    expect(refs.filter((ref) => !ids.includes(ref)), 'references to missing ids').toEqual([]);
  });

  test('is small', () => {
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(MAX_BYTES);
  });

  test('is imported and placed in a lesson, inside one of its depth levels', () => {
    const importLine = `import ${name} from '../../../components/diagrams/${name}.astro';`;
    const users = lessons.filter((l) => l.text.includes(importLine));
    expect(users.map((l) => l.file), `lessons that import ${name}`).not.toEqual([]);
    for (const lesson of users) {
      const at = lesson.text.indexOf(`<${name} />`);
      expect(at, `${lesson.file} uses <${name} />`).toBeGreaterThan(-1);
      const before = lesson.text.slice(0, at);
      expect(before.lastIndexOf('<Level '), `${lesson.file}: <${name} /> inside a <Level>`).toBeGreaterThan(before.lastIndexOf('</Level>'));
    }
  });
});

test('no id is used by two diagrams, so any two can share a page', () => {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const d of diagrams) {
    for (const id of d.tags.map((t) => t.attrs.id).filter(Boolean) as string[]) {
      if (seen.has(id)) clashes.push(`${id}: ${seen.get(id)} and ${d.file}`);
      seen.set(id, d.file);
    }
  }
  expect(clashes).toEqual([]);
});

test('course.css lets a diagram scale with the column instead of scrolling sideways', () => {
  const rule = /\.ct-diagram svg\s*\{([^}]*)\}/.exec(COURSE_CSS)?.[1] ?? '';
  expect(rule).toMatch(/width:\s*100%/);
  expect(rule).toMatch(/height:\s*auto/);
});
