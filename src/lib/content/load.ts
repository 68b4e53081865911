// Reads the course's content from disk (Node only), validates it against the same schemas the content
// collections use, and cross-checks references. Every problem names the file and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { describeIssues } from '../schemas/exercise.ts';
import { lessonFields } from '../schemas/lesson.ts';
import { glossarySchema } from '../schemas/glossary.ts';
import { deckSchema } from '../schemas/flashcards.ts';
import { PROJECT_ROOT, listExercises } from '../exercises/load.ts';
import { termRefs } from '../glossary/term-refs.ts';

export const CONTENT_ROOT = join(PROJECT_ROOT, 'src/content');
/** A lesson page a learner finishes in one sitting: at most this many lines of MDX, frontmatter included. */
export const MAX_LESSON_LINES = 300;

const lessonSchema = lessonFields.extend({ title: z.string().min(1), description: z.string().min(10) }).loose();

export interface Lesson {
  /** `<module>/<slug>`, as Starlight routes it. */
  id: string;
  file: string;
  text: string;
  data: z.infer<typeof lessonSchema>;
}
export interface GlossaryEntry {
  slug: string;
  file: string;
  data: z.infer<typeof glossarySchema>;
  body: string;
}
export interface Deck {
  file: string;
  data: z.infer<typeof deckSchema>;
}
export interface Content {
  lessons: Lesson[];
  glossary: GlossaryEntry[];
  decks: Deck[];
  problems: string[];
}

function frontmatter(text: string): { data: unknown; body: string } {
  const match = text.match(/^---\n([\s\S]*?)\n---\n?([\s\S]*)$/);
  if (!match) return { data: undefined, body: text };
  return { data: yaml.load(match[1]!), body: match[2]! };
}

function filesBelow(dir: string, pattern: RegExp, sub = ''): string[] {
  if (!existsSync(join(dir, sub))) return [];
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return filesBelow(dir, pattern, rel);
    return pattern.test(entry.name) ? [rel] : [];
  });
}

export function loadContent(root = CONTENT_ROOT): Content {
  const problems: string[] = [];
  const rel = (path: string) => relative(PROJECT_ROOT, path);
  const parse = <S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> | undefined => {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    problems.push(...describeIssues(file, result.error));
    return undefined;
  };

  const lessons: Lesson[] = [];
  for (const name of filesBelow(join(root, 'docs'), /\.mdx?$/)) {
    if (!name.includes('/')) continue; // the home page is not a lesson
    const path = join(root, 'docs', name);
    const text = readFileSync(path, 'utf8');
    const data = parse(lessonSchema, frontmatter(text).data, rel(path));
    if (data) lessons.push({ id: name.replace(/\.mdx?$/, ''), file: rel(path), text, data });
  }

  const glossary: GlossaryEntry[] = [];
  for (const name of filesBelow(join(root, 'glossary'), /\.md$/)) {
    const path = join(root, 'glossary', name);
    const { data: raw, body } = frontmatter(readFileSync(path, 'utf8'));
    const data = parse(glossarySchema, raw, rel(path));
    if (data) glossary.push({ slug: name.replace(/\.md$/, ''), file: rel(path), data, body });
  }

  const decks: Deck[] = [];
  for (const name of filesBelow(join(root, 'flashcards'), /\.json$/)) {
    const path = join(root, 'flashcards', name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push(`${rel(path)}: ${(error as Error).message}`);
      continue;
    }
    const data = parse(deckSchema, raw, rel(path));
    if (data) decks.push({ file: rel(path), data });
  }

  problems.push(...crossCheck(lessons, glossary, decks));
  return { lessons, glossary, decks, problems };
}

function crossCheck(lessons: Lesson[], glossary: GlossaryEntry[], decks: Deck[]): string[] {
  const problems: string[] = [];
  const lessonIds = new Set(lessons.map((l) => l.id));
  const terms = new Set(glossary.map((g) => g.slug));
  const exercises = listExercises();
  const exerciseIds = new Set(exercises.map((e) => e.meta.id));
  for (const lesson of lessons) {
    const module = lesson.id.split('/')[0];
    if (lesson.data.module && lesson.data.module !== module) problems.push(`${lesson.file}: module: expected "${module}" (the lesson's folder), got "${lesson.data.module}"`);
    lesson.data.exercises.forEach((id, i) => {
      if (!exerciseIds.has(id)) problems.push(`${lesson.file}: exercises[${i}]: no exercise "${id}"`);
      else if (!lesson.text.includes(`/exercises/${id}/`)) problems.push(`${lesson.file}: exercises[${i}]: the lesson never links to /exercises/${id}/`);
    });
    lesson.data.terms.forEach((slug, i) => {
      if (!terms.has(slug)) problems.push(`${lesson.file}: terms[${i}]: no glossary entry "${slug}" (src/content/glossary/${slug}.md)`);
    });
    for (const ref of termRefs(lesson.text)) {
      if (!terms.has(ref.slug)) problems.push(`${lesson.file}: <Term slug="${ref.slug}">: no glossary entry "${ref.slug}" (line ${ref.line})`);
    }
  }
  problems.push(...placementProblems(lessons, exercises.map((e) => e.meta)));
  for (const entry of glossary) {
    entry.data.related.forEach((slug, i) => {
      if (!terms.has(slug)) problems.push(`${entry.file}: related[${i}]: no glossary entry "${slug}"`);
    });
    entry.data.lessons.forEach((id, i) => {
      if (!lessonIds.has(id)) problems.push(`${entry.file}: lessons[${i}]: no lesson "${id}"`);
    });
  }
  for (const deck of decks) {
    const seen = new Set<string>();
    deck.data.cards.forEach((card, i) => {
      if (seen.has(card.id)) problems.push(`${deck.file}: cards[${i}].id: "${card.id}" is used twice in the deck`);
      seen.add(card.id);
      if (!lessonIds.has(card.lesson)) problems.push(`${deck.file}: cards[${i}].lesson: no lesson "${card.lesson}"`);
      if (card.runnable && !card.code) problems.push(`${deck.file}: cards[${i}].code: a runnable card needs code`);
    });
  }
  for (const exercise of exercises) {
    exercise.meta.concepts.forEach((slug, i) => {
      if (!terms.has(slug)) problems.push(`exercises/${exercise.meta.id}/exercise.json: concepts[${i}]: no glossary entry "${slug}"`);
    });
  }
  return problems;
}

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/**
 * Each lesson fits one sitting, and each exercise of a module that has lessons is listed (`exercises:`) by exactly
 * one lesson of that module: the sidebar puts the exercise right after that page (src/lib/course/sidebar.ts).
 */
function placementProblems(lessons: Lesson[], exercises: ReadonlyArray<{ id: string; module: string }>): string[] {
  const problems: string[] = [];
  for (const lesson of lessons) {
    const lines = lineCount(lesson.text);
    if (lines > MAX_LESSON_LINES) problems.push(`${lesson.file}: ${lines} lines; a lesson page holds at most ${MAX_LESSON_LINES}, so split it in two`);
    const module = lesson.id.split('/')[0];
    lesson.data.exercises.forEach((id, i) => {
      if (!id.startsWith(`${module}/`)) problems.push(`${lesson.file}: exercises[${i}]: "${id}" belongs to another module; list it in a lesson of its own module`);
    });
  }
  const modulesWithLessons = new Set(lessons.map((l) => l.id.split('/')[0]));
  for (const exercise of exercises) {
    if (!modulesWithLessons.has(exercise.module)) continue;
    const listing = lessons.filter((l) => l.data.exercises.includes(exercise.id));
    if (listing.length === 0) {
      problems.push(`exercises/${exercise.id}/exercise.json: no lesson of ${exercise.module} lists "${exercise.id}" in its frontmatter exercises, so the sidebar cannot place it after the page that teaches it`);
    } else if (listing.length > 1) {
      problems.push(`${listing.map((l) => l.file).join(', ')}: exercises: "${exercise.id}" is listed by ${listing.length} lessons; list it on the one page it follows`);
    }
  }
  return problems;
}

/**
 * The URL of the lesson page whose MDX contains `marker` (a sample's file name, a component): tests and the bench
 * follow content to whichever page holds it, so splitting or reordering lessons never leaves them on a stale URL.
 */
export function lessonPathWith(marker: string, lessons: readonly Lesson[] = loadContent().lessons): string {
  const found = lessons.filter((l) => l.text.includes(marker));
  if (found.length !== 1) throw new Error(`expected exactly one lesson containing ${JSON.stringify(marker)}, found ${found.length}: ${found.map((l) => l.id).join(', ')}`);
  return `/${found[0]!.id}/`;
}

/** The URL of the longest lesson page (the most MDX): the page where the JavaScript budget is most at risk. */
export function largestLessonPath(lessons: readonly Lesson[] = loadContent().lessons): string {
  const [largest] = [...lessons].sort((a, b) => b.text.length - a.text.length);
  if (!largest) throw new Error('no lessons in src/content/docs/');
  return `/${largest.id}/`;
}
