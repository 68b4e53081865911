// The course map from the content collections, for the pages that show it (the dashboard and the home page).
// Astro-only: it reads `astro:content`.
import { getCollection } from 'astro:content';
import { buildCourseMap, type CourseMap } from './course-map.ts';

export async function courseMapFromCollections(): Promise<CourseMap> {
  const [docs, exercises, decks] = await Promise.all([getCollection('docs'), getCollection('exercises'), getCollection('flashcards')]);
  return buildCourseMap(
    docs.map((d) => ({ id: d.id, title: d.data.title, order: d.data.sidebar.order, exercises: d.data.exercises })),
    exercises.map((e) => ({ id: e.id, title: e.data.title, module: e.data.module, order: e.data.order })),
    decks.map((d) => ({ id: d.id, cards: d.data.cards })),
  );
}
