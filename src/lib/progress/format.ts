import { z } from 'zod';
import { upgradeLessonsRead } from './lesson-ids.ts';

/**
 * The learner's data as it is saved in the browser and written to an export file.
 * docs/progress-format.md describes the format for people; this file is the source of truth.
 *
 * Objects drop fields they do not know (except flashcards, which keep them), so a file made by a
 * later revision of version 1 still imports. A change that an older reader must not ignore bumps
 * PROGRESS_VERSION instead.
 */

/** The `format` field of every export file: tells our files apart from any other JSON. */
export const PROGRESS_FORMAT = 'concurrent-typescript-progress';
/** The version this code writes and the newest it reads. Version 2 (the lesson split): lesson ids name the
 *  one-sitting pages; a version-1 file's old ids are upgraded on import (migrate1to2). */
export const PROGRESS_VERSION = 2;
/** The version in the storage keys (`ct:v1:`). Separate from the file version: it changes only when the shape of
 *  stored items changes, which version 2 did not (its one change, lesson ids, is upgraded in place). */
export const STORAGE_VERSION = 1;

/** Offsets are accepted so a hand-edited file with `+02:00` still imports; we always write `Z`. */
const isoDate = z.iso.datetime({ offset: true });
/** Exercise ids, card keys and lesson ids: opaque to this module, only never empty. */
const itemId = z.string().min(1);
const count = z.number().int().min(0);

/** The learner's files for one exercise, file name → content. */
const files = z.record(z.string().min(1), z.string());

/** The code the learner last saved for one exercise. */
export const exerciseCodeSchema = z.object({
  /** File name (as in the exercise's `files`, e.g. `order.ts`) → the learner's text. */
  files,
  /** When this code was saved. */
  updatedAt: isoDate,
});
export type ExerciseCode = z.infer<typeof exerciseCodeSchema>;

/** Why code was moved into the history. */
export const HISTORY_REASONS = ['reset', 'show-solution', 'import', 'undo'] as const;

/** Code the learner had before something replaced it, kept so the replacement can be undone. */
export const codeHistoryEntrySchema = z.object({
  /** The replaced code, file name → content. */
  files,
  /** When it was replaced. */
  savedAt: isoDate,
  /**
   * What replaced it: `reset` (back to the starter), `show-solution`, `import` (a progress file
   * held different code for the exercise) or `undo` (an undo brought back older code).
   */
  reason: z.enum(HISTORY_REASONS),
});
export type CodeHistoryEntry = z.infer<typeof codeHistoryEntrySchema>;

/** Oldest first; the last entry is the one an undo brings back. */
export const codeHistorySchema = z.array(codeHistoryEntrySchema);

export const VERDICTS = ['pass', 'fail', 'timeout', 'error'] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

/** How far the learner got with one exercise. */
export const exerciseStatusSchema = z.object({
  /** `passed` once any run passed (and from then on); `attempted` before that. */
  status: z.enum(['attempted', 'passed']),
  /** Verdict of the most recent run; absent until the first run. */
  lastVerdict: verdictSchema.optional(),
  /** How many times the learner ran the grader. */
  runs: count,
  /** The largest number of hints the learner has revealed. */
  hintsShown: count,
  /** Which hints are revealed, by index in the exercise's hint list, in the order shown (hints come first for the
   * task the learner is stuck on, so they need not be the first `hintsShown`); absent in older data. */
  hintsSeen: z.array(count).optional(),
  /** When any of the above last changed. */
  updatedAt: isoDate,
});
export type ExerciseStatus = z.infer<typeof exerciseStatusSchema>;

/**
 * ts-fsrs's `Card` with its dates as ISO strings. Unknown fields are kept and the fields that
 * ts-fsrs has added or deprecated over time are optional, so that upgrading ts-fsrs neither
 * rejects old schedules nor drops new fields.
 */
export const flashcardStateSchema = z.looseObject({
  /** When the card is next due. */
  due: isoDate,
  /** FSRS memory stability, in days. */
  stability: z.number().min(0),
  /** FSRS difficulty (1–10 in current ts-fsrs; not range-checked so a rescaling stays readable). */
  difficulty: z.number(),
  /** Days between the last two reviews (deprecated in ts-fsrs 5, so optional). */
  elapsed_days: z.number().min(0).optional(),
  /** Days between the last review and `due`. */
  scheduled_days: z.number().min(0).optional(),
  /** Position in the (re)learning steps (added in ts-fsrs 5, so optional). */
  learning_steps: count.optional(),
  /** Number of reviews. */
  reps: count,
  /** Number of times the card was forgotten after being learned. */
  lapses: count,
  /** ts-fsrs `State`: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: z.number().int().min(0).max(3),
  /** When the card was last reviewed; absent for a new card. */
  last_review: isoDate.optional(),
});
export type FlashcardState = z.infer<typeof flashcardStateSchema>;

/** A lesson the learner has read. */
export const lessonReadSchema = z.object({
  /** When the learner first marked it read. */
  readAt: isoDate,
});
export type LessonRead = z.infer<typeof lessonReadSchema>;

/** Everything the course keeps about one learner, keyed by exercise id, card key or lesson id. */
export const progressDataSchema = z.object({
  /** Exercise id (e.g. `event-loop/order-of-output`) → the learner's current code. */
  code: z.record(itemId, exerciseCodeSchema),
  /** Exercise id → replaced code, oldest first, at most 20 entries. */
  codeHistory: z.record(itemId, codeHistorySchema),
  /** Exercise id → status. */
  exercises: z.record(itemId, exerciseStatusSchema),
  /** Card key (`<deck>/<card id>`) → FSRS schedule. */
  flashcards: z.record(itemId, flashcardStateSchema),
  /** Lesson id (`<module>/<lesson>`) → when it was read. */
  lessons: z.record(itemId, lessonReadSchema),
});
export type ProgressData = z.infer<typeof progressDataSchema>;

/** An export file: the whole of `ProgressData` plus what identifies the file. */
export const progressFileSchema = z.object({
  /** Always `concurrent-typescript-progress`. */
  format: z.literal(PROGRESS_FORMAT),
  /** Format version; see docs/progress-format.md for how newer courses read older files. */
  version: z.literal(PROGRESS_VERSION),
  /** When the file was made. */
  exportedAt: isoDate,
  /** The learner's data. */
  data: progressDataSchema,
});
export type ProgressFile = z.infer<typeof progressFileSchema>;

/** A version-1 file: the same fields, with the lesson ids of the pages before the split. */
export const progressFileV1Schema = progressFileSchema.extend({ version: z.literal(1) });
export type ProgressFileV1 = z.infer<typeof progressFileV1Schema>;

/** Version 1 → 2: every old lesson id becomes the pages that replaced it (src/lib/progress/lesson-ids.ts). Pure. */
export function migrate1to2(file: ProgressFileV1): ProgressFile {
  return { ...file, version: 2, data: { ...file.data, lessons: upgradeLessonsRead(file.data.lessons) } };
}

/** Any file this course reads, upgraded to the current version: what import and "undo import" accept. */
export const readableProgressFileSchema = z
  .discriminatedUnion('version', [progressFileV1Schema, progressFileSchema])
  .transform((file): ProgressFile => (file.version === 1 ? migrate1to2(file) : file));

export const emptyProgressData = (): ProgressData => ({ code: {}, codeHistory: {}, exercises: {}, flashcards: {}, lessons: {} });

/** A zod issue in words a learner understands, e.g. `data.code["event-loop/x"].files: expected an object`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  return where ? `${where}: ${describeProblem(issue)}` : describeProblem(issue);
}

function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return 'is missing';
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${typeName(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'expected a date and time such as "2025-03-01T12:00:00.000Z"' : `expected a ${issue.format}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'string' ? 'a string' : type === 'number' ? 'a number' : type;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}
