// The order a learner meets a module in, in one place for the sidebar (build time), the dashboard and the home
// page (in the browser): lessons by `sidebar.order`, then id; after each lesson the exercises it lists in its
// frontmatter; exercises no lesson lists at the end. Free of Node and Astro imports, so pages can bundle it.

/** Lessons by Starlight's `sidebar.order` (pages without one last), then by id. */
export const byLessonOrder = (a: { id: string; order?: number | undefined }, b: { id: string; order?: number | undefined }): number =>
  (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || a.id.localeCompare(b.id);

export type Placed<L, E> = { kind: 'lesson'; item: L } | { kind: 'exercise'; item: E };

/** `lessons` already in reading order, `exercises` in the module's exercise order. */
export function readingOrder<L extends { exercises?: readonly string[] | undefined }, E extends { id: string }>(
  lessons: readonly L[],
  exercises: readonly E[],
): Placed<L, E>[] {
  const listed = new Set(lessons.flatMap((l) => l.exercises ?? []));
  const after = (lesson: L): Placed<L, E>[] => exercises.filter((e) => lesson.exercises?.includes(e.id)).map((item) => ({ kind: 'exercise', item }));
  return [
    ...lessons.flatMap((lesson): Placed<L, E>[] => [{ kind: 'lesson', item: lesson }, ...after(lesson)]),
    ...exercises.filter((e) => !listed.has(e.id)).map((item): Placed<L, E> => ({ kind: 'exercise', item })),
  ];
}
