// Finds the glossary terms a lesson refers to with <Term slug="...">, so the content checks can report a slug
// that has no entry before the build does (Term.astro throws on it too, but only once the page renders).

export interface TermRef {
  slug: string;
  /** 1-based line of the `<Term` in the lesson's text. */
  line: number;
}

// `<Term slug="x">`, `<Term slug='x' />`, attributes in any order, across lines. Not `<TermList>` and the like.
const TERM_TAG = /<Term(?=[\s/>])[^>]*?\sslug\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g;

export function termRefs(text: string): TermRef[] {
  const refs: TermRef[] = [];
  for (const match of text.matchAll(TERM_TAG)) {
    const slug = match[1] ?? match[2] ?? match[3] ?? '';
    refs.push({ slug, line: text.slice(0, match.index).split('\n').length });
  }
  return refs;
}
