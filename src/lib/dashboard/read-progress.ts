// Reads, straight from storage, the few fields of the learner's progress the dashboard shows: exercise statuses,
// lessons read and card schedules, under the keys docs/progress-format.md lists (`ct:v1:<kind>:<id>`).
//
// Why not the progress store: its zod schemas weigh about 29 KB gzip, and the dashboard may load no more than
// 40 KB of JavaScript before the learner interacts (Starlight alone takes 33). So the page reads here, checking
// each field it uses the way the store's schema does, and loads the store only for export, import and undo.
// tests/unit/dashboard.test.ts checks that this reads exactly what the store reads, bad items included.
import type { StorageLike } from '../progress/store.ts';
import type { ProgressView } from './summary.ts';
import { upgradeStoredLessons } from '../progress/lesson-ids.ts';

/** The store's key prefix, storage layout version 1 (KEY_PREFIX in src/lib/progress/store.ts). */
const PREFIX = 'ct:v1:';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An ISO 8601 date-time as `z.iso.datetime({ offset: true })` accepts it: seconds required, `Z` or `±hh:mm`. */
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
function isDate(v: unknown): v is string {
  const m = typeof v === 'string' ? ISO.exec(v) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A real calendar day: no 2025-02-30.
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);
const isNonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

const VERDICTS = new Set(['pass', 'fail', 'timeout', 'error']);

const exercise = (v: unknown): ProgressView['exercises'][string] | undefined =>
  isObject(v) &&
  (v.status === 'attempted' || v.status === 'passed') &&
  optional(v.lastVerdict, (x) => VERDICTS.has(x as string)) &&
  isCount(v.runs) &&
  isCount(v.hintsShown) &&
  isDate(v.updatedAt)
    ? { status: v.status, updatedAt: v.updatedAt }
    : undefined;

const lesson = (v: unknown): ProgressView['lessons'][string] | undefined => (isObject(v) && isDate(v.readAt) ? { readAt: v.readAt } : undefined);

const flashcard = (v: unknown): ProgressView['flashcards'][string] | undefined =>
  isObject(v) &&
  isDate(v.due) &&
  isNonNegative(v.stability) &&
  typeof v.difficulty === 'number' &&
  Number.isFinite(v.difficulty) &&
  optional(v.elapsed_days, isNonNegative) &&
  optional(v.scheduled_days, isNonNegative) &&
  optional(v.learning_steps, isCount) &&
  isCount(v.reps) &&
  isCount(v.lapses) &&
  Number.isInteger(v.state) &&
  (v.state as number) <= 3 &&
  isCount(v.state) &&
  optional(v.last_review, isDate)
    ? { due: v.due, state: v.state as number }
    : undefined;

const READERS = { exercise, lesson, flashcard } as const;
const SECTION = { exercise: 'exercises', lesson: 'lessons', flashcard: 'flashcards' } as const;

/**
 * Items that are missing, not JSON or not valid are left out, as the store leaves them out. Never throws. Lessons
 * read before the split into one-sitting pages are first upgraded in storage, as the store does when it opens.
 */
export function readProgress(storage: StorageLike): ProgressView {
  const view = { exercises: {}, lessons: {}, flashcards: {} } as { [K in keyof ProgressView]: Record<string, ProgressView[K][string]> };
  upgradeStoredLessons(storage);
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const rest = key.slice(PREFIX.length);
      const colon = rest.indexOf(':');
      const kind = rest.slice(0, colon);
      const id = rest.slice(colon + 1);
      if (colon <= 0 || !id || !Object.hasOwn(READERS, kind)) continue;
      let json: unknown;
      try {
        json = JSON.parse(storage.getItem(key) ?? 'null');
      } catch {
        continue;
      }
      const value = READERS[kind as keyof typeof READERS](json);
      if (value) (view[SECTION[kind as keyof typeof SECTION]] as Record<string, unknown>)[id] = value;
    }
  } catch {
    // Storage that cannot even be listed (blocked site data) holds nothing we can show.
  }
  return view;
}
