// The dashboard's numbers and its "Continue" suggestion, from a small course; and its light reader of the
// learner's progress, against what the real progress store reads from the same storage.
import { describe, expect, test } from 'vitest';
import { buildCourseMap, lessonIdOf, type CourseMap } from '../../src/lib/dashboard/course-map.ts';
import { nextStep, summarize, type ProgressView } from '../../src/lib/dashboard/summary.ts';
import { readProgress } from '../../src/lib/dashboard/read-progress.ts';
import { cardsLine, exercisesLine, lessonsLine, nextDueLine, nextLine } from '../../src/lib/dashboard/messages.ts';
import { createProgressStore, itemKey, memoryStorage, type StorageLike } from '../../src/lib/progress/store.ts';
import type { FlashcardState } from '../../src/lib/progress/format.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');

const MAP: CourseMap = buildCourseMap(
  [
    { id: 'index', title: 'Home' },
    { id: 'event-loop/phases', title: 'Phases', order: 2 },
    { id: 'event-loop/the-event-loop', title: 'The event loop', order: 1 },
    { id: 'promises/futures', title: 'Promises as futures' },
  ],
  [
    { id: 'event-loop/yield-to-the-loop', title: 'Yield to the loop', module: 'event-loop', order: 2 },
    { id: 'event-loop/predict-the-order', title: 'Predict the order', module: 'event-loop', order: 1 },
    { id: 'promises/race', title: 'Race', module: 'promises', order: 1 },
  ],
  [{ id: 'event-loop', cards: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] }],
);

const empty = (): ProgressView => ({ exercises: {}, lessons: {}, flashcards: {} });
const at = (iso: string) => ({ readAt: iso });
const status = (s: 'attempted' | 'passed', updatedAt = '2025-03-01T00:00:00.000Z') => ({ status: s, updatedAt });

describe('the course map', () => {
  test('lists modules in course order with their lessons (by sidebar order), exercises (by order) and cards', () => {
    expect(MAP.modules.map((m) => m.slug)).toEqual(['event-loop', 'promises']);
    const [loop, promises] = MAP.modules;
    expect(loop!.lessons.map((l) => l.id)).toEqual(['event-loop/the-event-loop', 'event-loop/phases']);
    expect(loop!.lessons[0]!.href).toBe('/event-loop/the-event-loop/');
    expect(loop!.exercises.map((e) => e.href)).toEqual(['/exercises/event-loop/predict-the-order/', '/exercises/event-loop/yield-to-the-loop/']);
    expect(loop!.cards).toEqual(['event-loop/a', 'event-loop/b', 'event-loop/c', 'event-loop/d']);
    expect(promises!.cards).toEqual([]);
  });

  test('a lesson is a page one folder deep in a module folder', () => {
    expect(lessonIdOf('event-loop/the-event-loop')).toBe('event-loop/the-event-loop');
    expect(lessonIdOf('/event-loop/the-event-loop/')).toBe('event-loop/the-event-loop');
    for (const other of ['', 'index', 'progress', 'review', 'exercises/event-loop/predict-the-order', 'glossary/promise', 'unknown-module/lesson']) {
      expect(lessonIdOf(other), other).toBeUndefined();
    }
  });
});

describe('summarize', () => {
  test('with no progress: nothing read or passed, every card new, start with the first lesson', () => {
    const s = summarize(MAP, empty(), NOW);
    expect(s.lessons).toEqual({ done: 0, total: 3 });
    expect(s.exercises).toEqual({ done: 0, attempted: 0, total: 3 });
    expect(s.cards).toEqual({ due: 0, new: 4, total: 4 });
    expect(s.next).toMatchObject({ kind: 'lesson', item: { id: 'event-loop/the-event-loop' } });
    expect(s.modules[0]!.lessonStates).toEqual({ 'event-loop/the-event-loop': 'unread', 'event-loop/phases': 'unread' });
  });

  test('counts lessons read and exercises passed or attempted, per module and in total', () => {
    const progress: ProgressView = {
      lessons: { 'event-loop/the-event-loop': at('2025-03-01T00:00:00.000Z'), 'unknown/lesson': at('2025-03-01T00:00:00.000Z') },
      exercises: { 'event-loop/predict-the-order': status('passed'), 'event-loop/yield-to-the-loop': status('attempted'), 'promises/race': status('passed') },
      flashcards: {},
    };
    const s = summarize(MAP, progress, NOW);
    expect(s.modules[0]).toMatchObject({ lessons: { done: 1, total: 2 }, exercises: { done: 1, attempted: 1, total: 2 } });
    expect(s.modules[0]!.exerciseStates).toEqual({ 'event-loop/predict-the-order': 'passed', 'event-loop/yield-to-the-loop': 'attempted' });
    expect(s.modules[1]).toMatchObject({ lessons: { done: 0, total: 1 }, exercises: { done: 1, attempted: 0, total: 1 } });
    expect(s.lessons).toEqual({ done: 1, total: 3 });
    expect(s.exercises).toEqual({ done: 2, attempted: 1, total: 3 });
  });

  test('cards: due when reviewed and the due date has come, new when never reviewed; the next due date otherwise', () => {
    const card = (due: string, state: number) => ({ due, state });
    const progress: ProgressView = {
      ...empty(),
      flashcards: {
        'event-loop/a': card('2025-03-10T12:00:00.000Z', 2), // due exactly now
        'event-loop/b': card('2025-03-09T00:00:00.000Z', 1),
        'event-loop/c': card('2025-03-14T12:00:00.000Z', 2),
        'event-loop/d': card('2025-03-01T00:00:00.000Z', 0), // saved, but still New
        'promises/zzz': card('2025-03-01T00:00:00.000Z', 2), // not in any deck: ignored
      },
    };
    const s = summarize(MAP, progress, NOW);
    expect(s.cards).toEqual({ due: 2, new: 1, total: 4, nextDue: '2025-03-14T12:00:00.000Z' });
    expect(s.modules[0]!.cards).toEqual({ due: 2, new: 1, total: 4 });
    expect(nextDueLine(s.cards.nextDue, NOW)).toBe('The next card comes due in 4 days.');
  });
});

describe('Continue', () => {
  test('the first unread lesson of the module worked in most recently', () => {
    const progress: ProgressView = { ...empty(), lessons: { 'promises/futures': at('2025-03-05T00:00:00.000Z'), 'event-loop/the-event-loop': at('2025-03-01T00:00:00.000Z') } };
    // Promises is the current module and its only lesson is read: its exercise comes next.
    expect(nextStep(MAP, progress)).toMatchObject({ kind: 'exercise', module: 'promises', item: { id: 'promises/race' }, started: false });
  });

  test('once the lessons are read, the first exercise not passed, marked as started when attempted', () => {
    const progress: ProgressView = {
      ...empty(),
      lessons: { 'event-loop/the-event-loop': at('2025-03-01T00:00:00.000Z'), 'event-loop/phases': at('2025-03-02T00:00:00.000Z') },
      exercises: { 'event-loop/predict-the-order': status('attempted', '2025-03-03T00:00:00.000Z') },
    };
    const next = nextStep(MAP, progress);
    expect(next).toMatchObject({ kind: 'exercise', item: { id: 'event-loop/predict-the-order' }, started: true });
    expect(nextLine(next)).toEqual({ lead: 'Finish the exercise:', title: 'Predict the order', href: '/exercises/event-loop/predict-the-order/' });
  });

  test('an exercise a lesson lists comes right after that lesson, before the next lesson, as in the sidebar', () => {
    const placed = buildCourseMap(
      [
        { id: 'event-loop/the-event-loop', title: 'The event loop', order: 1, exercises: ['event-loop/yield-to-the-loop'] },
        { id: 'event-loop/phases', title: 'Phases', order: 2 },
      ],
      [
        { id: 'event-loop/yield-to-the-loop', title: 'Yield to the loop', module: 'event-loop', order: 2 },
        { id: 'event-loop/predict-the-order', title: 'Predict the order', module: 'event-loop', order: 1 },
      ],
      [],
    );
    const firstRead: ProgressView = { ...empty(), lessons: { 'event-loop/the-event-loop': at('2025-03-01T00:00:00.000Z') } };
    expect(nextStep(placed, firstRead)).toMatchObject({ kind: 'exercise', item: { id: 'event-loop/yield-to-the-loop' } });
    const passed: ProgressView = { ...firstRead, exercises: { 'event-loop/yield-to-the-loop': status('passed', '2025-03-02T00:00:00.000Z') } };
    expect(nextStep(placed, passed)).toMatchObject({ kind: 'lesson', item: { id: 'event-loop/phases' } });
    // An exercise no lesson lists comes after the module's last lesson.
    const bothRead: ProgressView = { ...passed, lessons: { ...passed.lessons, 'event-loop/phases': at('2025-03-03T00:00:00.000Z') } };
    expect(nextStep(placed, bothRead)).toMatchObject({ kind: 'exercise', item: { id: 'event-loop/predict-the-order' } });
  });

  test('when the current module is done, the next module; then the earlier ones; then done', () => {
    const allLoop: ProgressView = {
      ...empty(),
      lessons: { 'event-loop/the-event-loop': at('2025-03-01T00:00:00.000Z'), 'event-loop/phases': at('2025-03-01T00:00:00.000Z') },
      exercises: { 'event-loop/predict-the-order': status('passed'), 'event-loop/yield-to-the-loop': status('passed') },
    };
    expect(nextStep(MAP, allLoop)).toMatchObject({ kind: 'lesson', item: { id: 'promises/futures' } });
    const allPromises: ProgressView = { ...empty(), lessons: { 'promises/futures': at('2025-03-05T00:00:00.000Z') }, exercises: { 'promises/race': status('passed', '2025-03-06T00:00:00.000Z') } };
    expect(nextStep(MAP, allPromises)).toMatchObject({ kind: 'lesson', item: { id: 'event-loop/the-event-loop' } });
    const everything: ProgressView = { ...allLoop, lessons: { ...allLoop.lessons, ...allPromises.lessons }, exercises: { ...allLoop.exercises, ...allPromises.exercises } };
    expect(nextStep(MAP, everything)).toEqual({ kind: 'done' });
    expect(nextStep({ modules: [] }, empty())).toEqual({ kind: 'done' });
  });
});

/** The same view, read through the progress store's own API: what the light reader must agree with. */
function throughStore(storage: StorageLike): ProgressView {
  const store = createProgressStore(storage);
  const flashcards: Record<string, FlashcardState> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    const id = key.startsWith('ct:v1:flashcard:') ? key.slice('ct:v1:flashcard:'.length) : undefined;
    const card = id === undefined ? undefined : store.getFlashcard(id);
    if (id !== undefined && card) flashcards[id] = card;
  }
  const pick = <T extends object, K extends keyof T>(record: Record<string, T>, keys: K[]) =>
    Object.fromEntries(Object.entries(record).map(([id, v]) => [id, Object.fromEntries(keys.map((k) => [k, v[k]]))]));
  return {
    exercises: pick(store.allExerciseStatuses(), ['status', 'updatedAt']),
    lessons: store.lessonsRead(),
    flashcards: pick(flashcards, ['due', 'state']),
  } as ProgressView;
}

describe('readProgress, the dashboard\'s light reader', () => {
  const card: FlashcardState = { due: '2025-03-09T00:00:00.000Z', stability: 1, difficulty: 5, reps: 1, lapses: 0, state: 2 };

  test('reads what the store saved', () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage, () => NOW);
    store.recordRun('event-loop/predict-the-order', 'fail');
    store.recordRun('event-loop/yield-to-the-loop', 'pass');
    store.markLessonRead('event-loop/one-thread');
    store.saveFlashcard('event-loop/a', card);
    store.saveCode('event-loop/predict-the-order', { 'order.ts': 'x' });
    const view = readProgress(storage);
    expect(view).toEqual({
      exercises: {
        'event-loop/predict-the-order': { status: 'attempted', updatedAt: NOW.toISOString() },
        'event-loop/yield-to-the-loop': { status: 'passed', updatedAt: NOW.toISOString() },
      },
      lessons: { 'event-loop/one-thread': { readAt: NOW.toISOString() } },
      flashcards: { 'event-loop/a': { due: card.due, state: 2 } },
    });
    expect(view).toEqual(throughStore(storage));
    expect(summarize(MAP, view, NOW).cards).toMatchObject({ due: 1, new: 3 });
  });

  test('leaves out exactly the items the store cannot read', () => {
    const storage = memoryStorage();
    const put = (kind: 'exercise' | 'lesson' | 'flashcard', id: string, value: unknown) =>
      storage.setItem(itemKey(kind, id), typeof value === 'string' ? value : JSON.stringify(value));
    const ok = { status: 'passed', runs: 1, hintsShown: 0, updatedAt: '2025-03-01T10:00:00.000Z' };
    put('exercise', 'm/ok', ok);
    put('exercise', 'm/offset', { ...ok, updatedAt: '2025-03-01T10:00:00.000+02:00' });
    put('exercise', 'm/extra-field', { ...ok, somethingNew: true });
    put('exercise', 'm/not-json', '{status: passed');
    put('exercise', 'm/bad-status', { ...ok, status: 'done' });
    put('exercise', 'm/bad-verdict', { ...ok, lastVerdict: 'maybe' });
    put('exercise', 'm/negative-runs', { ...ok, runs: -1 });
    put('exercise', 'm/no-seconds', { ...ok, updatedAt: '2025-03-01T10:00Z' });
    put('exercise', 'm/no-zone', { ...ok, updatedAt: '2025-03-01T10:00:00' });
    put('exercise', 'm/february-30', { ...ok, updatedAt: '2025-02-30T10:00:00Z' });
    put('exercise', 'm/a-list', [ok]);
    put('lesson', 'm/ok', { readAt: '2025-03-01T10:00:00Z' });
    put('lesson', 'm/null', 'null');
    put('lesson', 'm/bad-date', { readAt: 'yesterday' });
    put('flashcard', 'm/ok', card);
    put('flashcard', 'm/newer-fsrs', { ...card, elapsed_days: undefined, someFutureField: 1 });
    put('flashcard', 'm/state-4', { ...card, state: 4 });
    put('flashcard', 'm/fraction-reps', { ...card, reps: 1.5 });
    put('flashcard', 'm/negative-stability', { ...card, stability: -1 });
    put('flashcard', 'm/bad-last-review', { ...card, last_review: 'never' });
    storage.setItem('ct:v1:backup', '{}');
    storage.setItem('ct:v1:unknown-kind:m/ok', JSON.stringify(ok));
    storage.setItem('other-site-key', JSON.stringify(ok));
    const view = readProgress(storage);
    expect(Object.keys(view.exercises).sort()).toEqual(['m/extra-field', 'm/offset', 'm/ok']);
    expect(Object.keys(view.lessons)).toEqual(['m/ok']);
    expect(Object.keys(view.flashcards).sort()).toEqual(['m/newer-fsrs', 'm/ok']);
    expect(view).toEqual(throughStore(storage));
  });

  test('storage that throws gives an empty view', () => {
    const blocked: StorageLike = {
      get length(): number {
        throw new DOMException('blocked', 'SecurityError');
      },
      key: () => null,
      getItem: () => null,
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readProgress(blocked)).toEqual(empty());
  });
});

describe('the words', () => {
  test('counts read naturally', () => {
    expect(lessonsLine({ done: 1, total: 1 })).toBe('1 of 1 lesson read');
    expect(lessonsLine({ done: 0, total: 3 })).toBe('0 of 3 lessons read');
    expect(exercisesLine({ done: 1, attempted: 0, total: 3 })).toBe('1 of 3 exercises passed');
    expect(exercisesLine({ done: 1, attempted: 2, total: 3 })).toBe('1 of 3 exercises passed, 2 more attempted');
    expect(cardsLine({ due: 1, new: 11, total: 12 })).toBe('1 card due now, 11 new, of 12');
    expect(cardsLine({ due: 0, new: 0, total: 0 })).toBe('No flashcards yet');
    expect(nextDueLine(undefined, NOW)).toBe('');
    expect(nextDueLine('2025-03-10T18:00:00.000Z', NOW)).toBe('More cards come due within a day.');
    expect(nextLine({ kind: 'done' }).lead).toMatch(/every lesson/);
  });
});
