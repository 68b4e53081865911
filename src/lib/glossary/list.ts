// The glossary's index: terms sorted A–Z under letter headings, and the filter (module + free text) that the
// index page's script applies in the browser. Pure, so the page and the script share one definition of a match.
import type { ModuleSlug } from '../schemas/exercise.ts';

/** What the index shows of one entry. */
export interface GlossaryItem {
  slug: string;
  term: string;
  definition: string;
  python: string;
  module: ModuleSlug;
}

export interface LetterGroup<T> {
  /** "A"–"Z", or "#" for a term that starts with anything else. */
  letter: string;
  items: T[];
}

export interface GlossaryFilter {
  /** A module slug, or "" for every module. */
  module: string;
  /** What the learner typed; every word must occur in the term, its definition or its Python counterpart. */
  query: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function letterOf(term: string): string {
  const first = term.trim().charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

/** Terms sorted A–Z (ignoring case), grouped by first letter; "#" (symbols, digits) comes first. */
export function groupByLetter<T extends { term: string }>(items: readonly T[]): LetterGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => collator.compare(a.term, b.term))) {
    const letter = letterOf(item.term);
    groups.set(letter, [...(groups.get(letter) ?? []), item]);
  }
  return [...groups].map(([letter, grouped]) => ({ letter, items: grouped })).sort((a, b) => collator.compare(a.letter, b.letter));
}

/** The modules that have at least one term, in course order (for the module filter). */
export function modulesWithTerms<M extends { slug: string }>(modules: readonly M[], items: readonly { module: string }[]): M[] {
  const used = new Set(items.map((i) => i.module));
  return modules.filter((m) => used.has(m.slug));
}

/** The text the free-text filter searches: term, definition, Python counterpart and the slug's words, lower case. */
export function searchText(item: GlossaryItem): string {
  return [item.term, item.definition, item.python, item.slug.replaceAll('-', ' ')].join(' \n ').toLowerCase();
}

/** The words of a query, lower case; an empty query has none and matches everything. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether an entry, given its module and its searchText(), passes the filter. */
export function matchesFilter(entry: { module: string; text: string }, filter: GlossaryFilter): boolean {
  if (filter.module && entry.module !== filter.module) return false;
  return queryWords(filter.query).every((word) => entry.text.includes(word));
}

/** What the live region says after filtering. */
export function shownMessage(count: number, total: number): string {
  if (count === 0) return 'No terms shown';
  if (count === total) return `${count} ${count === 1 ? 'term' : 'terms'} shown`;
  return `${count} of ${total} terms shown`;
}
