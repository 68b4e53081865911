// The dashboard's numbers: what the learner has read, passed and has due, per module and in total, and what to
// do next. Pure: the course map and the learner's progress in, a summary out.
import type { CourseMap, MapItem, MapModule } from './course-map.ts';
import { readingOrder as placeInOrder } from '../course/reading-order.ts';
import type { ExerciseStatus, FlashcardState, LessonRead } from '../progress/format.ts';

/** The parts of the learner's progress the dashboard reads (all from the progress store). */
export interface ProgressView {
  exercises: Readonly<Record<string, Pick<ExerciseStatus, 'status' | 'updatedAt'>>>;
  lessons: Readonly<Record<string, LessonRead>>;
  /** Card key → schedule; cards never reviewed are absent. */
  flashcards: Readonly<Record<string, Pick<FlashcardState, 'due' | 'state'>>>;
}

export type LessonState = 'read' | 'unread';
export type ExerciseState = 'passed' | 'attempted' | 'not started';

export interface Count {
  done: number;
  total: number;
}

export interface ModuleSummary {
  slug: string;
  title: string;
  lessons: Count;
  /** `done` counts passed exercises; `attempted` those tried but not passed yet. */
  exercises: Count & { attempted: number };
  cards: CardCounts;
  lessonStates: Record<string, LessonState>;
  exerciseStates: Record<string, ExerciseState>;
}

export interface CardCounts {
  /** Reviewed before and due now (due date not after `now`). */
  due: number;
  /** Never reviewed: no schedule saved, or one still in ts-fsrs's New state. */
  new: number;
  total: number;
}

export type NextStep =
  | { kind: 'lesson' | 'exercise'; module: string; item: MapItem; started: boolean }
  | { kind: 'done' };

export interface DashboardSummary {
  modules: ModuleSummary[];
  lessons: Count;
  exercises: Count & { attempted: number };
  cards: CardCounts & { /** The earliest due date among reviewed cards not due yet, when there is one. */ nextDue?: string };
  next: NextStep;
}

/** ts-fsrs `State.New`. */
const NEW_STATE = 0;

export function exerciseState(progress: ProgressView, id: string): ExerciseState {
  return progress.exercises[id]?.status ?? 'not started';
}

const time = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

function countCards(keys: readonly string[], progress: ProgressView, now: Date): CardCounts & { nextDue?: string } {
  const counts: CardCounts & { nextDue?: string } = { due: 0, new: 0, total: keys.length };
  for (const key of keys) {
    const card = progress.flashcards[key];
    if (!card || card.state === NEW_STATE) counts.new++;
    else if (time(card.due) <= now.getTime()) counts.due++;
    else if (counts.nextDue === undefined || time(card.due) < time(counts.nextDue)) counts.nextDue = card.due;
  }
  return counts;
}

function summarizeModule(module: MapModule, progress: ProgressView, now: Date): ModuleSummary {
  const lessonStates: Record<string, LessonState> = {};
  for (const lesson of module.lessons) lessonStates[lesson.id] = progress.lessons[lesson.id] ? 'read' : 'unread';
  const exerciseStates: Record<string, ExerciseState> = {};
  for (const exercise of module.exercises) exerciseStates[exercise.id] = exerciseState(progress, exercise.id);
  const states = Object.values(exerciseStates);
  const { nextDue: _nextDue, ...cards } = countCards(module.cards, progress, now);
  return {
    slug: module.slug,
    title: module.title,
    lessons: { done: Object.values(lessonStates).filter((s) => s === 'read').length, total: module.lessons.length },
    exercises: {
      done: states.filter((s) => s === 'passed').length,
      attempted: states.filter((s) => s === 'attempted').length,
      total: module.exercises.length,
    },
    cards,
    lessonStates,
    exerciseStates,
  };
}

/** When the learner last did anything in the module (read a lesson, ran or passed an exercise). */
function lastActivity(module: MapModule, progress: ProgressView): number {
  const times = [
    ...module.lessons.map((l) => progress.lessons[l.id]?.readAt),
    ...module.exercises.map((e) => progress.exercises[e.id]?.updatedAt),
  ].flatMap((t) => (t === undefined ? [] : [time(t)]));
  return times.length ? Math.max(...times) : Number.NEGATIVE_INFINITY;
}

/** A module's lessons and exercises in the order the sidebar shows them (lib/course/reading-order.ts). */
export const readingOrder = (module: MapModule): Array<{ kind: 'lesson' | 'exercise'; item: MapItem }> => placeInOrder(module.lessons, module.exercises);

/** Within a module, in reading order: the first lesson not read or exercise not passed. */
function nextInModule(module: MapModule, progress: ProgressView): NextStep | undefined {
  for (const { kind, item } of readingOrder(module)) {
    if (kind === 'lesson' && !progress.lessons[item.id]) return { kind, module: module.slug, item, started: false };
    if (kind === 'exercise' && exerciseState(progress, item.id) !== 'passed') {
      return { kind, module: module.slug, item, started: exerciseState(progress, item.id) === 'attempted' };
    }
  }
  return undefined;
}

/**
 * The next thing to do. The current module is the one the learner worked in most recently (the first module when
 * nothing is recorded yet); when it is finished, the modules after it in course order, then the ones before it.
 */
export function nextStep(map: CourseMap, progress: ProgressView): NextStep {
  const { modules } = map;
  if (!modules.length) return { kind: 'done' };
  let current = 0;
  let latest = Number.NEGATIVE_INFINITY;
  modules.forEach((module, i) => {
    const t = lastActivity(module, progress);
    if (t > latest) [current, latest] = [i, t];
  });
  for (let k = 0; k < modules.length; k++) {
    const step = nextInModule(modules[(current + k) % modules.length]!, progress);
    if (step) return step;
  }
  return { kind: 'done' };
}

export function summarize(map: CourseMap, progress: ProgressView, now: Date): DashboardSummary {
  const modules = map.modules.map((m) => summarizeModule(m, progress, now));
  const sum = (pick: (m: ModuleSummary) => number): number => modules.reduce((total, m) => total + pick(m), 0);
  return {
    modules,
    lessons: { done: sum((m) => m.lessons.done), total: sum((m) => m.lessons.total) },
    exercises: { done: sum((m) => m.exercises.done), attempted: sum((m) => m.exercises.attempted), total: sum((m) => m.exercises.total) },
    cards: countCards(map.modules.flatMap((m) => m.cards), progress, now),
    next: nextStep(map, progress),
  };
}
