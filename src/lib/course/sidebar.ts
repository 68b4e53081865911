// Builds Starlight's sidebar: one group per module holding its lessons in reading order, each lesson followed by
// the exercises it lists in its frontmatter (`exercises:`), so a learner meets each exercise right after the page
// that teaches it. Exercises no lesson lists close their module's group.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { COURSE_MODULES } from './modules.ts';
import { byLessonOrder, readingOrder } from './reading-order.ts';
import type { ExerciseMeta } from '../schemas/exercise.ts';

export interface SidebarLink {
  label: string;
  link: string;
  badge?: { text: string; variant: 'note' | 'tip' | 'caution' | 'default' };
}
export type SidebarItem = SidebarLink | { label: string; items: SidebarItem[]; collapsed?: boolean };

const DIFFICULTY_BADGE = { easy: 'tip', medium: 'note', hard: 'caution' } as const;

export function exerciseHref(id: string): string {
  return `/exercises/${id}/`;
}

/** Pages for keeping what was learned, above the modules. */
export const STUDY_LINKS: SidebarLink[] = [
  { label: 'Your progress', link: '/progress/' },
  { label: 'Review flashcards', link: '/review/' },
  { label: 'Glossary', link: '/glossary/' },
];

/** What the sidebar needs of a lesson page. */
export interface LessonEntry {
  /** `<module>/<slug>`. */
  id: string;
  title: string;
  order?: number | undefined;
  exercises: string[];
}

/** The lesson pages of one module folder, in reading order (`sidebar.order`, then file name). */
export function readModuleLessons(docsRoot: string, module: string): LessonEntry[] {
  const dir = join(docsRoot, module);
  if (!existsSync(dir)) return [];
  const lessons: LessonEntry[] = [];
  for (const name of readdirSync(dir).filter((f) => /\.mdx?$/.test(f))) {
    const file = join(dir, name);
    const match = readFileSync(file, 'utf8').match(/^---\n([\s\S]*?)\n---/);
    const data = (match ? yaml.load(match[1]!) : {}) as { title?: unknown; sidebar?: { order?: unknown; label?: unknown }; exercises?: unknown } | undefined;
    if (typeof data?.title !== 'string') throw new Error(`${file}: title: a lesson needs a title`);
    const label = typeof data.sidebar?.label === 'string' ? data.sidebar.label : data.title;
    const order = typeof data.sidebar?.order === 'number' ? data.sidebar.order : undefined;
    const exercises = Array.isArray(data.exercises) ? data.exercises.filter((e): e is string => typeof e === 'string') : [];
    lessons.push({ id: `${module}/${name.replace(/\.mdx?$/, '')}`, title: label, order, exercises });
  }
  return lessons.sort(byLessonOrder);
}

function exerciseLink(exercise: ExerciseMeta): SidebarLink {
  return {
    label: `Exercise: ${exercise.title}`,
    link: exerciseHref(exercise.id),
    badge: { text: exercise.difficulty, variant: DIFFICULTY_BADGE[exercise.difficulty] },
  };
}

export function buildSidebar(docsRoot: string, exercises: readonly ExerciseMeta[]): SidebarItem[] {
  const items: SidebarItem[] = [{ label: 'Study', items: [...STUDY_LINKS] }];
  for (const module of COURSE_MODULES) {
    const lessons = readModuleLessons(docsRoot, module.slug);
    const moduleExercises = exercises.filter((e) => e.module === module.slug).sort((a, b) => a.order - b.order);
    if (!lessons.length && !moduleExercises.length) continue;
    const group = readingOrder(lessons, moduleExercises).map((placed): SidebarItem =>
      placed.kind === 'lesson' ? { label: placed.item.title, link: `/${placed.item.id}/` } : exerciseLink(placed.item),
    );
    items.push({ label: module.title, items: group });
  }
  return items;
}
