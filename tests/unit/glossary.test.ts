// The glossary's logic: A–Z grouping, the module and text filter, the live region's words, the <Term> references
// the content checks look for, the popover's open/closed rules (WCAG 1.4.13), and what a term page links to.
import { describe, expect, test } from 'vitest';
import { groupByLetter, letterOf, matchesFilter, modulesWithTerms, searchText, shownMessage, type GlossaryItem } from '../../src/lib/glossary/list.ts';
import { termRefs } from '../../src/lib/glossary/term-refs.ts';
import { CLOSED, isOpen, nextState, type PopoverEvent } from '../../src/lib/glossary/popover.ts';
import { glossaryHref, lessonsUsing, nextTermId } from '../../src/lib/glossary/term-page.ts';
import { COURSE_MODULES } from '../../src/lib/course/modules.ts';

const item = (slug: string, term: string, module: GlossaryItem['module'] = 'event-loop'): GlossaryItem => ({
  slug,
  term,
  definition: `What ${term} means.`,
  python: `Python's ${term}`,
  module,
});

describe('the A–Z index', () => {
  test('terms are sorted ignoring case and grouped under their first letter', () => {
    const groups = groupByLetter([item('set-timeout', 'setTimeout'), item('await', 'await'), item('event-loop-phases', 'event loop phases'), item('event-loop', 'event loop'), item('starvation', 'starvation'), item('call-stack', 'Call stack')]);
    expect(groups.map((g) => [g.letter, g.items.map((i) => i.term)])).toEqual([
      ['A', ['await']],
      ['C', ['Call stack']],
      ['E', ['event loop', 'event loop phases']],
      ['S', ['setTimeout', 'starvation']],
    ]);
  });

  test('a term that does not start with a letter goes under "#", before A', () => {
    expect(letterOf('.then()')).toBe('#');
    expect(letterOf('2-phase commit')).toBe('#');
    expect(groupByLetter([item('a', 'abort'), item('b', '#private')]).map((g) => g.letter)).toEqual(['#', 'A']);
  });

  test('the module filter offers only modules that have terms, in course order', () => {
    const modules = modulesWithTerms(COURSE_MODULES, [item('a', 'a', 'threads'), item('b', 'b', 'event-loop'), item('c', 'c', 'threads')]);
    expect(modules.map((m) => m.slug)).toEqual(['event-loop', 'threads']);
  });
});

describe('filtering', () => {
  const tick = { ...item('process-next-tick', 'process.nextTick'), definition: 'Runs a callback before promise callbacks.', python: 'no equivalent; loop.call_soon is later' };
  const entry = (i: GlossaryItem) => ({ module: i.module, text: searchText(i) });

  test('text matches the term, the definition or the Python counterpart, ignoring case', () => {
    expect(matchesFilter(entry(tick), { module: '', query: 'NEXTTICK' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: '', query: 'promise' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: '', query: 'call_soon' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: '', query: 'worker' })).toBe(false);
  });

  test('every word must occur, in any order; the slug\'s words count too', () => {
    expect(matchesFilter(entry(tick), { module: '', query: '  callback   before ' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: '', query: 'next tick' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: '', query: 'callback thread' })).toBe(false);
  });

  test('an empty query matches everything; a module narrows to its own terms', () => {
    expect(matchesFilter(entry(tick), { module: '', query: '' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: 'event-loop', query: '' })).toBe(true);
    expect(matchesFilter(entry(tick), { module: 'threads', query: '' })).toBe(false);
  });

  test('the live region says how many terms are shown', () => {
    expect(shownMessage(18, 18)).toBe('18 terms shown');
    expect(shownMessage(1, 1)).toBe('1 term shown');
    expect(shownMessage(3, 18)).toBe('3 of 18 terms shown');
    expect(shownMessage(0, 18)).toBe('No terms shown');
  });
});

describe('<Term> references in a lesson', () => {
  test('finds each slug with its line, whatever the quotes, attribute order or self-closing form', () => {
    const text = [
      'The <Term slug="microtask-queue">microtask queue</Term> runs',
      "before <Term slug='set-timeout' />, and <Term",
      '  class="x" slug={"await"}>await</Term> too.',
    ].join('\n');
    expect(termRefs(text)).toEqual([
      { slug: 'microtask-queue', line: 1 },
      { slug: 'set-timeout', line: 2 },
      { slug: 'await', line: 2 },
    ]);
  });

  test('ignores other components and plain prose', () => {
    expect(termRefs('<TermList slug="x" /> <Terms slug="y"> A Term slug="z" in prose.')).toEqual([]);
  });
});

describe('the popover (WCAG 1.4.13)', () => {
  const run = (...events: PopoverEvent[]) => events.reduce(nextState, CLOSED);

  test('opens on hover and on keyboard focus; closes when both have left', () => {
    expect(isOpen(run('pointer-enter'))).toBe(true);
    expect(isOpen(run('focus-in'))).toBe(true);
    expect(isOpen(run('pointer-enter', 'focus-in', 'pointer-leave'))).toBe(true);
    expect(isOpen(run('pointer-enter', 'focus-in', 'pointer-leave', 'focus-out'))).toBe(false);
  });

  test('Escape hides it without the pointer or focus moving, until one of them comes back', () => {
    const dismissed = run('pointer-enter', 'focus-in', 'escape');
    expect(isOpen(dismissed)).toBe(false);
    expect(isOpen(nextState(dismissed, 'pointer-leave'))).toBe(false);
    expect(isOpen(nextState(nextState(dismissed, 'pointer-leave'), 'pointer-enter'))).toBe(true);
    expect(isOpen(nextState(nextState(dismissed, 'focus-out'), 'focus-in'))).toBe(true);
  });

  test('a tap keeps it open until a tap elsewhere, Escape, or focus leaving', () => {
    expect(isOpen(run('tap'))).toBe(true);
    expect(isOpen(run('tap', 'tap-outside'))).toBe(false);
    expect(isOpen(run('tap', 'escape'))).toBe(false);
    expect(isOpen(run('focus-in', 'tap', 'focus-out'))).toBe(false);
  });

  test('closing it because another term opened forgets hover and focus', () => {
    expect(run('pointer-enter', 'focus-in', 'close')).toEqual(CLOSED);
  });
});

describe('term pages', () => {
  const lessons = [
    { id: 'event-loop/the-event-loop', title: 'The event loop', terms: ['promise'] },
    { id: 'promises/futures', title: 'Promises as futures', terms: ['promise', 'await'] },
    { id: 'threads/workers', title: 'Workers', terms: [] },
  ];

  test('link the lessons the entry lists, then the others that teach the term, once each', () => {
    expect(lessonsUsing('promise', ['promises/futures'], lessons)).toEqual([
      { title: 'Promises as futures', href: '/promises/futures/' },
      { title: 'The event loop', href: '/event-loop/the-event-loop/' },
    ]);
    expect(lessonsUsing('starvation', [], lessons)).toEqual([]);
  });

  test('an entry listing a lesson that does not exist stops the build with the file named', () => {
    expect(() => lessonsUsing('promise', ['promises/nope'], lessons)).toThrow('src/content/glossary/promise.md: lessons: no lesson "promises/nope"');
  });

  test('addresses and popover ids', () => {
    expect(glossaryHref('microtask-queue')).toBe('/glossary/microtask-queue/');
    const page = {};
    const other = {};
    expect([nextTermId(page, 'await'), nextTermId(page, 'await'), nextTermId(other, 'await')]).toEqual(['ct-term-await-1', 'ct-term-await-2', 'ct-term-await-1']);
  });
});
