import type { z } from 'zod';
import {
  PROGRESS_FORMAT,
  PROGRESS_VERSION,
  STORAGE_VERSION,
  codeHistorySchema,
  describeIssue,
  emptyProgressData,
  exerciseCodeSchema,
  exerciseStatusSchema,
  flashcardStateSchema,
  lessonReadSchema,
  readableProgressFileSchema,
  type CodeHistoryEntry,
  type ExerciseCode,
  type ExerciseStatus,
  type FlashcardState,
  type LessonRead,
  type ProgressData,
  type ProgressFile,
  type Verdict,
} from './format.ts';
import { upgradeStoredLessons } from './lesson-ids.ts';

/**
 * The learner's data in browser storage, one key per item (see docs/progress-format.md).
 * Nothing here throws: storage failures come back as `{ ok: false, message }` and as problems,
 * so a full or blocked storage never breaks the editor the learner is typing in.
 */

/** The part of the DOM `Storage` interface the store uses; `localStorage` satisfies it. */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const KEY_PREFIX = `ct:v${STORAGE_VERSION}:`;
export const BACKUP_KEY = `${KEY_PREFIX}backup`;
export const KEPT_ASIDE_PREFIX = `${KEY_PREFIX}corrupt:`;
export const HISTORY_LIMIT = 20;

/** Key kind → the section of `ProgressData` it belongs to. */
const KINDS = {
  code: 'code',
  history: 'codeHistory',
  exercise: 'exercises',
  flashcard: 'flashcards',
  lesson: 'lessons',
} as const satisfies Record<string, keyof ProgressData>;
export type ItemKind = keyof typeof KINDS;

const SCHEMAS: { [K in ItemKind]: z.ZodType<ProgressData[(typeof KINDS)[K]][string]> } = {
  code: exerciseCodeSchema,
  history: codeHistorySchema,
  exercise: exerciseStatusSchema,
  flashcard: flashcardStateSchema,
  lesson: lessonReadSchema,
};

/** For code that handles every kind alike and needs no more than "valid or not". */
const schemaOf = (kind: ItemKind): z.ZodType<unknown> => SCHEMAS[kind] as z.ZodType<unknown>;

const WHAT: Record<ItemKind, string> = {
  code: 'code',
  history: 'earlier code',
  exercise: 'progress',
  flashcard: 'flashcard schedule',
  lesson: 'reading progress',
};

export const itemKey = (kind: ItemKind, id: string): string => `${KEY_PREFIX}${kind}:${id}`;

export type SaveResult = { ok: true } | { ok: false; message: string };
export type UndoResult = { ok: true; files: Record<string, string> } | { ok: false; message: string };
export type ImportCounts = { [S in keyof ProgressData]: number };
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; message: string };

export interface Problem {
  key: string;
  /** `unreadable`: stored data we could not read (left as it is); `kept-aside`: such data moved to
   *  its own key before something new was saved; `storage`: the browser refused to read or save. */
  kind: 'unreadable' | 'kept-aside' | 'storage';
  message: string;
}

export type ProgressChange = { kind: ItemKind; id: string } | { kind: 'all' };

type Read<T> =
  | { state: 'absent' }
  | { state: 'ok'; value: T }
  | { state: 'bad'; raw: string; message: string }
  | { state: 'failed'; message: string };

type ParsedKey = { kind: ItemKind; id: string };

export function parseItemKey(key: string): ParsedKey | undefined {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const rest = key.slice(KEY_PREFIX.length);
  const colon = rest.indexOf(':');
  const kind = rest.slice(0, colon);
  const id = rest.slice(colon + 1);
  return colon > 0 && id && Object.hasOwn(KINDS, kind) ? { kind: kind as ItemKind, id } : undefined;
}

export function createProgressStore(storage: StorageLike, now: () => Date = () => new Date()) {
  // Lessons read before the split into one-sitting pages count for the pages that replaced them.
  upgradeStoredLessons(storage);
  /** Failures are kept per key and cleared by the next success, so the UI shows only current ones. */
  const storageProblems = new Map<string, string>();
  const listeners = new Set<(change: ProgressChange) => void>();
  const stamp = (): string => now().toISOString();

  const emit = (change: ProgressChange): void => {
    for (const listener of listeners) listener(change);
  };

  function fail(key: string, error: unknown): { ok: false; message: string } {
    const message = storageErrorMessage(error);
    storageProblems.set(key, message);
    return { ok: false, message };
  }

  function readRaw(key: string): { ok: true; raw: string | null } | { ok: false; message: string } {
    try {
      return { ok: true, raw: storage.getItem(key) };
    } catch (error) {
      return fail(key, error);
    }
  }

  function parseRaw<T>(raw: string, schema: z.ZodType<T>): Read<T> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { state: 'bad', raw, message: 'it is not valid JSON' };
    }
    const parsed = schema.safeParse(json, { reportInput: true });
    if (parsed.success) return { state: 'ok', value: parsed.data };
    return { state: 'bad', raw, message: describeIssue(parsed.error.issues[0]!) };
  }

  function read<T>(key: string, schema: z.ZodType<T>): Read<T> {
    const got = readRaw(key);
    if (!got.ok) return { state: 'failed', message: got.message };
    return got.raw === null ? { state: 'absent' } : parseRaw(got.raw, schema);
  }

  const readItem = <K extends ItemKind>(kind: K, id: string) =>
    read(itemKey(kind, id), SCHEMAS[kind] as z.ZodType<ProgressData[(typeof KINDS)[K]][string]>);

  const valueOf = <T>(result: Read<T>): T | undefined => (result.state === 'ok' ? result.value : undefined);

  function setRaw(key: string, raw: string): SaveResult {
    try {
      storage.setItem(key, raw);
    } catch (error) {
      return fail(key, error);
    }
    storageProblems.delete(key);
    return { ok: true };
  }

  function removeRaw(key: string): SaveResult {
    try {
      storage.removeItem(key);
    } catch (error) {
      return fail(key, error);
    }
    storageProblems.delete(key);
    return { ok: true };
  }

  /** Moves text we cannot read to a key of its own, so that saving over it loses nothing. */
  function keepAside(key: string, raw: string): SaveResult {
    const base = `${KEPT_ASIDE_PREFIX}${stamp()}`;
    for (let n = 1; ; n++) {
      const asideKey = `${n === 1 ? base : `${base}-${n}`}:${key}`;
      const existing = readRaw(asideKey);
      if (!existing.ok) return existing;
      if (existing.raw === null) return setRaw(asideKey, raw);
    }
  }

  /** Writes `value` (checked against `schema`) to `key`, first keeping aside whatever unreadable text is there. */
  function write<T>(key: string, schema: z.ZodType<T>, value: T): SaveResult {
    const checked = schema.safeParse(value, { reportInput: true });
    if (!checked.success) return { ok: false, message: `Not saved, the data is invalid: ${describeIssue(checked.error.issues[0]!)}` };
    const current = read(key, schema);
    if (current.state === 'failed') return { ok: false, message: current.message };
    if (current.state === 'bad') {
      const kept = keepAside(key, current.raw);
      if (!kept.ok) return kept;
    }
    return setRaw(key, JSON.stringify(checked.data));
  }

  function writeItem<K extends ItemKind>(kind: K, id: string, value: ProgressData[(typeof KINDS)[K]][string]): SaveResult {
    const result = write(itemKey(kind, id), SCHEMAS[kind] as z.ZodType<typeof value>, value);
    if (result.ok) emit({ kind, id });
    return result;
  }

  function keysUnderPrefix(): string[] | { ok: false; message: string } {
    const keys: string[] = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(KEY_PREFIX)) keys.push(key);
      }
    } catch (error) {
      return fail(KEY_PREFIX, error);
    }
    return keys;
  }

  const itemKeys = (): Array<ParsedKey & { key: string }> => {
    const keys = keysUnderPrefix();
    if (!Array.isArray(keys)) return [];
    return keys.flatMap((key) => {
      const parsed = parseItemKey(key);
      return parsed ? [{ key, ...parsed }] : [];
    });
  };

  const sameFiles = (a: Record<string, string>, b: Record<string, string>): boolean => {
    const aKeys = Object.keys(a).sort();
    const bKeys = Object.keys(b).sort();
    return aKeys.length === bKeys.length && aKeys.every((k, i) => k === bKeys[i] && a[k] === b[k]);
  };

  const pushed = (history: CodeHistoryEntry[], entry: CodeHistoryEntry): CodeHistoryEntry[] =>
    [...history, entry].slice(-HISTORY_LIMIT);

  /** Saves new history then new code; if the code cannot be saved, the old history is put back. */
  function writeCodeAndHistory(id: string, code: ExerciseCode, history: CodeHistoryEntry[], oldHistory: Read<CodeHistoryEntry[]>): SaveResult {
    const savedHistory = writeItem('history', id, history);
    if (!savedHistory.ok) return savedHistory;
    const savedCode = writeItem('code', id, code);
    if (!savedCode.ok) {
      if (oldHistory.state === 'ok') setRaw(itemKey('history', id), JSON.stringify(oldHistory.value));
      else if (oldHistory.state === 'absent') removeRaw(itemKey('history', id));
      // A 'bad' old history was kept aside by writeItem and stays there.
    }
    return savedCode;
  }

  function replaceCode(id: string, files: Record<string, string>, reason: 'reset' | 'show-solution'): SaveResult {
    const current = readItem('code', id);
    if (current.state === 'failed') return { ok: false, message: current.message };
    const oldHistory = readItem('history', id);
    if (oldHistory.state === 'failed') return { ok: false, message: oldHistory.message };
    const code = { files, updatedAt: stamp() };
    if (current.state !== 'ok' || sameFiles(current.value.files, files)) return writeItem('code', id, code);
    const history = pushed(valueOf(oldHistory) ?? [], { files: current.value.files, savedAt: stamp(), reason });
    return writeCodeAndHistory(id, code, history, oldHistory);
  }

  function statusAfter(id: string, change: (previous: ExerciseStatus) => ExerciseStatus): SaveResult {
    const previous = valueOf(readItem('exercise', id)) ?? { status: 'attempted', runs: 0, hintsShown: 0, updatedAt: stamp() };
    return writeItem('exercise', id, { ...change(previous), updatedAt: stamp() });
  }

  function exportAll(): ProgressFile {
    const data = emptyProgressData();
    for (const { key, kind, id } of itemKeys()) {
      const result = read(key, schemaOf(kind));
      if (result.state === 'ok') (data[KINDS[kind]] as Record<string, unknown>)[id] = result.value;
    }
    return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exportedAt: stamp(), data };
  }

  function countsOf(data: ProgressData): ImportCounts {
    const counts = {} as ImportCounts;
    for (const section of Object.values(KINDS)) counts[section] = Object.keys(data[section]).length;
    return counts;
  }

  /**
   * Replaces every item with `data`, after saving `backup` under BACKUP_KEY. Unreadable items are
   * kept aside rather than removed. If a write fails half-way, the backup's data is put back.
   */
  function replaceAll(data: ProgressData, backup: ProgressFile): ImportResult {
    // The backup there may be a version-1 file: readable, so replaced rather than set aside as damaged.
    const savedBackup = write(BACKUP_KEY, readableProgressFileSchema, backup);
    if (!savedBackup.ok) return { ok: false, message: `Nothing was imported: the backup of your current progress could not be saved. ${savedBackup.message}` };
    const apply = (target: ProgressData): SaveResult => {
      for (const { key, kind } of itemKeys()) {
        const current = readRaw(key);
        if (!current.ok) return current;
        if (current.raw !== null && parseRaw(current.raw, schemaOf(kind)).state === 'bad') {
          const kept = keepAside(key, current.raw);
          if (!kept.ok) return kept;
        }
        const removed = removeRaw(key);
        if (!removed.ok) return removed;
      }
      for (const [kind, section] of Object.entries(KINDS) as Array<[ItemKind, keyof ProgressData]>) {
        for (const [id, value] of Object.entries(target[section])) {
          const saved = setRaw(itemKey(kind, id), JSON.stringify(value));
          if (!saved.ok) return saved;
        }
      }
      return { ok: true };
    };
    const applied = apply(data);
    if (!applied.ok) {
      const restored = apply(backup.data);
      emit({ kind: 'all' });
      return {
        ok: false,
        message: restored.ok
          ? `Nothing was imported, your progress is as it was: ${applied.message}`
          : `The import failed half-way (${applied.message}) and your previous progress could not be put back in full (${restored.message}). It is still in the backup; use "Undo import" once storage works again.`,
      };
    }
    emit({ kind: 'all' });
    return { ok: true, counts: countsOf(data) };
  }

  /** Code on this device that the import would replace goes into that exercise's history (reason 'import'). */
  function keepReplacedCode(current: ProgressData, incoming: ProgressData): ProgressData {
    const codeHistory = { ...incoming.codeHistory };
    for (const [id, code] of Object.entries(current.code)) {
      const replacement = incoming.code[id];
      if (replacement && sameFiles(replacement.files, code.files)) continue;
      const history = codeHistory[id] ?? [];
      const last = history.at(-1);
      if (last && sameFiles(last.files, code.files)) continue;
      codeHistory[id] = pushed(history, { files: code.files, savedAt: stamp(), reason: 'import' });
    }
    return { ...incoming, codeHistory };
  }

  return {
    getCode: (id: string): ExerciseCode | undefined => valueOf(readItem('code', id)),

    /** Called on every (debounced) edit: writes only this exercise's key. */
    saveCode: (id: string, files: Record<string, string>): SaveResult => writeItem('code', id, { files, updatedAt: stamp() }),

    /** Saves the starter code, keeping the current code in the history first (unless it is the starter). */
    resetCode: (id: string, starterFiles: Record<string, string>): SaveResult => replaceCode(id, starterFiles, 'reset'),

    /** Like resetCode, for "show solution". */
    showSolution: (id: string, solutionFiles: Record<string, string>): SaveResult => replaceCode(id, solutionFiles, 'show-solution'),

    /**
     * Brings back the most recent history entry and returns its files. The code it replaces goes
     * onto the history (reason 'undo'), so undoing twice gets back to where you were.
     */
    undoReset(id: string): UndoResult {
      const oldHistory = readItem('history', id);
      if (oldHistory.state === 'failed') return { ok: false, message: oldHistory.message };
      const entries = valueOf(oldHistory) ?? [];
      const last = entries.at(-1);
      if (!last) return { ok: false, message: 'There is no earlier code to go back to.' };
      const current = readItem('code', id);
      if (current.state === 'failed') return { ok: false, message: current.message };
      let history = entries.slice(0, -1);
      if (current.state === 'ok' && !sameFiles(current.value.files, last.files)) {
        history = pushed(history, { files: current.value.files, savedAt: stamp(), reason: 'undo' });
      }
      const saved = writeCodeAndHistory(id, { files: last.files, updatedAt: stamp() }, history, oldHistory);
      return saved.ok ? { ok: true, files: last.files } : saved;
    },

    /** Replaced code for the exercise, oldest first (the last entry is what undoReset brings back). */
    history: (id: string): CodeHistoryEntry[] => valueOf(readItem('history', id)) ?? [],

    getStatus: (id: string): ExerciseStatus | undefined => valueOf(readItem('exercise', id)),

    /** Counts a grader run; the status becomes 'passed' on a pass and stays 'passed' after that. */
    recordRun: (id: string, verdict: Verdict): SaveResult =>
      statusAfter(id, (previous) => ({
        ...previous,
        status: verdict === 'pass' ? 'passed' : previous.status,
        lastVerdict: verdict,
        runs: previous.runs + 1,
      })),

    /** `seen` is every hint revealed now, by index, in the order shown; the count never goes down. */
    recordHint: (id: string, seen: number[]): SaveResult =>
      statusAfter(id, (previous) => ({ ...previous, hintsShown: Math.max(previous.hintsShown, seen.length), hintsSeen: seen })),

    allExerciseStatuses(): Record<string, ExerciseStatus> {
      const out: Record<string, ExerciseStatus> = {};
      for (const { key, kind, id } of itemKeys()) {
        if (kind !== 'exercise') continue;
        const status = valueOf(read(key, exerciseStatusSchema));
        if (status) out[id] = status;
      }
      return out;
    },

    getFlashcard: (key: string): FlashcardState | undefined => valueOf(readItem('flashcard', key)),
    saveFlashcard: (key: string, state: FlashcardState): SaveResult => writeItem('flashcard', key, state),

    /** Keeps the first time the lesson was read. */
    markLessonRead(id: string): SaveResult {
      const existing = readItem('lesson', id);
      return existing.state === 'ok' ? { ok: true } : writeItem('lesson', id, { readAt: stamp() });
    },

    lessonsRead(): Record<string, LessonRead> {
      const out: Record<string, LessonRead> = {};
      for (const { key, kind, id } of itemKeys()) {
        if (kind !== 'lesson') continue;
        const lesson = valueOf(read(key, lessonReadSchema));
        if (lesson) out[id] = lesson;
      }
      return out;
    },

    /** Every readable item under the prefix. Unreadable items are left out and listed by problems(). */
    exportAll,

    /**
     * Replaces ALL progress with the file's (a JSON string or an already parsed value), after
     * checking the whole file; on any problem nothing changes. Before writing, the current
     * progress is saved as a backup (see undoImport) and code that the file would replace is
     * added to that exercise's history.
     */
    importAll(json: unknown): ImportResult {
      const checked = checkProgressFile(json);
      if (!checked.ok) return checked;
      const before = exportAll();
      return replaceAll(keepReplacedCode(before.data, checked.file.data), before);
    },

    /** Puts back the progress saved just before the last import; the progress it replaces becomes the backup. */
    undoImport(): ImportResult {
      const backup = read(BACKUP_KEY, readableProgressFileSchema);
      if (backup.state === 'absent') return { ok: false, message: 'There is no import to undo.' };
      if (backup.state !== 'ok') return { ok: false, message: `The backup made before the last import cannot be read: ${backup.message}` };
      return replaceAll(backup.value.data, exportAll());
    },

    /** What the UI should tell the learner about: unreadable data, data kept aside, storage failures. */
    problems(): Problem[] {
      const found: Problem[] = [];
      const keys = keysUnderPrefix();
      for (const key of Array.isArray(keys) ? keys : []) {
        const aside = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)(?:-\d+)?:(.+)$/.exec(key.slice(KEPT_ASIDE_PREFIX.length));
        if (key.startsWith(KEPT_ASIDE_PREFIX) && aside) {
          found.push({ key, kind: 'kept-aside', message: `Unreadable data from ${aside[2]} was set aside on ${aside[1]} instead of being overwritten.` });
          continue;
        }
        const item = parseItemKey(key);
        const schema: z.ZodType<unknown> | undefined = item ? schemaOf(item.kind) : key === BACKUP_KEY ? readableProgressFileSchema : undefined;
        if (!schema) continue;
        const result = read(key, schema);
        if (result.state !== 'bad') continue;
        const what = item ? `Your saved ${WHAT[item.kind]} for "${item.id}"` : 'The backup made before the last import';
        found.push({
          key,
          kind: 'unreadable',
          message: `${what} could not be read (${result.message}). It is left as it is, and will be set aside rather than overwritten.`,
        });
      }
      for (const [key, message] of storageProblems) found.push({ key, kind: 'storage', message });
      return found;
    },

    /** Deletes one kept-aside key, for when the learner has looked at it and lets it go. */
    discardKeptAside: (key: string): SaveResult =>
      key.startsWith(KEPT_ASIDE_PREFIX) ? removeRaw(key) : { ok: false, message: `${key} is not data that was set aside.` },

    /**
     * Calls `listener` after this store saves, and, in a browser, after another tab saves
     * (the `storage` event fires only in the other tabs). Returns the unsubscribe function.
     */
    subscribe(listener: (change: ProgressChange) => void): () => void {
      listeners.add(listener);
      const target = globalThis as Partial<StorageEventTarget>;
      const onStorage = (event: { key: string | null; storageArea?: unknown }): void => {
        if (event.storageArea !== undefined && event.storageArea !== storage) return;
        if (event.key === null) return listener({ kind: 'all' });
        const item = parseItemKey(event.key);
        if (item) listener(item);
      };
      target.addEventListener?.('storage', onStorage);
      return () => {
        listeners.delete(listener);
        target.removeEventListener?.('storage', onStorage);
      };
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;

interface StorageEventTarget {
  addEventListener(type: 'storage', listener: (event: { key: string | null; storageArea?: unknown }) => void): void;
  removeEventListener(type: 'storage', listener: (event: { key: string | null; storageArea?: unknown }) => void): void;
}

/** Checks an export file without touching storage. */
export function checkProgressFile(input: unknown): { ok: true; file: ProgressFile } | { ok: false; message: string } {
  const notOurs = 'This file is not a Concurrent TypeScript progress export.';
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, message: `${notOurs} (It is not JSON.)` };
    }
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== PROGRESS_FORMAT) {
    return { ok: false, message: notOurs };
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return {
      ok: false,
      message: `It was made by a newer version of the course (version ${version}); this page reads version ${PROGRESS_VERSION}. Reload the page to get the newest course, then import again.`,
    };
  }
  // A file from before the lesson split (version 1) is upgraded here, so everything after sees version 2.
  const parsed = readableProgressFileSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, file: parsed.data };
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  return { ok: false, message: `This progress file is damaged, so nothing was imported: ${describeIssue(first!)}${more}.` };
}

/** Why a storage call failed, in words for the learner. */
function storageErrorMessage(error: unknown): string {
  const { name, code } = typeof error === 'object' && error !== null ? (error as { name?: unknown; code?: unknown }) : {};
  // Old WebKit and Firefox name the quota error differently; code 22 / 1014 covers them.
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014) {
    return 'Your browser’s storage for this site is full, so this was not saved. Your text is still in the editor: export your progress or clear space, then try again.';
  }
  if (name === 'SecurityError') {
    return 'This browser does not allow the course to save anything (site data is blocked, or a private window), so your work lasts only until the page is closed.';
  }
  return `The browser could not save this (${error instanceof Error ? error.message : String(error)}). Your text is still in the editor.`;
}

/** A Map-backed StorageLike: the fallback when the browser offers no storage at all. */
export function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * `localStorage`, or memory when merely touching it throws (blocked site data). `persistent: false`
 * tells the UI to warn that work will not survive a reload. A full storage is not detected here:
 * its reads still work, and its failed writes are reported by the store.
 */
export function openBrowserStorage(): { storage: StorageLike; persistent: boolean } {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (storage) {
      storage.getItem(BACKUP_KEY);
      return { storage, persistent: true };
    }
  } catch {
    // Fall through to memory.
  }
  return { storage: memoryStorage(), persistent: false };
}
