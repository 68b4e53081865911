// Helpers for the glossary's pages and <Term>: addresses, element ids, and what a term page links to.

export function glossaryHref(slug: string): string {
  return `/glossary/${slug}/`;
}

// One counter per page render (Astro.locals is per request, also when building), so ids read ct-term-1, -2, ...
const counters = new WeakMap<object, number>();

/** A unique id for a <Term>'s popover on the page being rendered. */
export function nextTermId(pageLocals: object, slug: string): string {
  const n = (counters.get(pageLocals) ?? 0) + 1;
  counters.set(pageLocals, n);
  return `ct-term-${slug}-${n}`;
}

export interface PageLink {
  title: string;
  href: string;
}

/**
 * The lessons that use a term: those its entry lists, then any other lesson whose frontmatter `terms` names it.
 * An id with no lesson is an error the content checks report; here it stops the build.
 */
export function lessonsUsing(
  slug: string,
  listed: readonly string[],
  lessons: readonly { id: string; title: string; terms: readonly string[] }[],
): PageLink[] {
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const ids = [...listed, ...lessons.filter((l) => l.terms.includes(slug)).map((l) => l.id)];
  return [...new Set(ids)].map((id) => {
    const lesson = byId.get(id);
    if (!lesson) throw new Error(`src/content/glossary/${slug}.md: lessons: no lesson "${id}"`);
    return { title: lesson.title, href: `/${id}/` };
  });
}

