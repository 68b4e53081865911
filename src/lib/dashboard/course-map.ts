// What the course holds, module by module: lessons, exercises and flashcards, in the order a learner meets them.
// Built at build time from the content collections and emitted as JSON in the dashboard page.
import { COURSE_MODULES } from '../course/modules.ts';
import { exerciseHref } from '../course/sidebar.ts';
import { byLessonOrder } from '../course/reading-order.ts';

export interface MapItem {
  /** Lesson id (`<module>/<slug>`) or exercise id (`<module>/<slug>`). */
  id: string;
  title: string;
  href: string;
  /** For a lesson: the exercises it lists (frontmatter `exercises`), which follow it in the sidebar. */
  exercises?: string[];
}

export interface MapModule {
  slug: string;
  title: string;
  lessons: MapItem[];
  exercises: MapItem[];
  /** Flashcard keys (`<deck>/<card id>`), as the progress store keys card schedules. */
  cards: string[];
}

export interface CourseMap {
  modules: MapModule[];
}

/** The parts of a docs entry the map needs. */
export interface LessonSource {
  id: string;
  title: string;
  /** Starlight's `sidebar.order`; lessons without one come after those with one, by id. */
  order?: number | undefined;
  /** The exercises the lesson lists in its frontmatter. */
  exercises?: readonly string[] | undefined;
}

export interface ExerciseSource {
  id: string;
  title: string;
  module: string;
  order: number;
}

export interface DeckSource {
  /** The deck's id, which is its module slug (src/content/flashcards/<module>.json). */
  id: string;
  cards: readonly { id: string }[];
}

const MODULE_SLUGS = new Set<string>(COURSE_MODULES.map((m) => m.slug));

/**
 * The lesson id of a Starlight route id, or undefined when the page is not a lesson. Lessons are exactly the docs
 * one folder deep in a module folder (`event-loop/the-event-loop`); the home page, `/progress/` and the exercise
 * pages (`exercises/<module>/<slug>`) are not.
 */
export function lessonIdOf(routeId: string): string | undefined {
  const id = routeId.replace(/^\/+|\/+$/g, '');
  const parts = id.split('/');
  return parts.length === 2 && MODULE_SLUGS.has(parts[0]!) && parts[1] ? id : undefined;
}

/** Modules in course order, each with its lessons, exercises and cards; modules with none of these are left out. */
export function buildCourseMap(lessons: readonly LessonSource[], exercises: readonly ExerciseSource[], decks: readonly DeckSource[]): CourseMap {
  const modules: MapModule[] = [];
  for (const module of COURSE_MODULES) {
    const moduleLessons = lessons
      .filter((l) => lessonIdOf(l.id)?.startsWith(`${module.slug}/`))
      .sort(byLessonOrder)
      .map((l) => ({ id: l.id, title: l.title, href: `/${l.id}/`, exercises: [...(l.exercises ?? [])] }));
    const moduleExercises = exercises
      .filter((e) => e.module === module.slug)
      .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
      .map((e) => ({ id: e.id, title: e.title, href: exerciseHref(e.id) }));
    const cards = decks.filter((d) => d.id === module.slug).flatMap((d) => d.cards.map((c) => `${d.id}/${c.id}`));
    if (moduleLessons.length || moduleExercises.length || cards.length) {
      modules.push({ slug: module.slug, title: module.title, lessons: moduleLessons, exercises: moduleExercises, cards });
    }
  }
  return { modules };
}
