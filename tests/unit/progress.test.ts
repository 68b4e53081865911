import { afterEach, describe, expect, test } from 'vitest';
import { PROGRESS_FORMAT, PROGRESS_VERSION, describeIssue, progressFileSchema, type FlashcardState, type ProgressFile } from '../../src/lib/progress/format.ts';
import {
  BACKUP_KEY,
  HISTORY_LIMIT,
  createProgressStore,
  memoryStorage,
  openBrowserStorage,
  type ProgressChange,
  type StorageLike,
} from '../../src/lib/progress/store.ts';

/** Map-backed storage that can run out of space (like a real quota) or refuse all access. */
function fakeStorage(options: { quota?: number } = {}) {
  const items = new Map<string, string>();
  const state = { quota: options.quota ?? Infinity, blocked: false, writes: [] as string[] };
  const used = () => [...items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  const guard = () => {
    if (state.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  const storage: StorageLike = {
    get length() {
      guard();
      return items.size;
    },
    key: (i) => (guard(), [...items.keys()][i] ?? null),
    getItem: (k) => (guard(), items.get(k) ?? null),
    setItem(k, v) {
      guard();
      if (used() - (items.get(k)?.length ?? -k.length) + v.length > state.quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      state.writes.push(k);
      items.set(k, v);
    },
    removeItem: (k) => void (guard(), items.delete(k)),
  };
  return { storage, items, state, snapshot: () => new Map(items) };
}

/** A clock that moves one second per call, so every timestamp is distinct and predictable. */
function fakeClock(start = Date.UTC(2025, 0, 1, 12)) {
  let t = start;
  return () => new Date((t += 1000));
}

const setup = (options: { quota?: number } = {}) => {
  const fake = fakeStorage(options);
  return { ...fake, store: createProgressStore(fake.storage, fakeClock()) };
};

const ID = 'event-loop/order-of-output';
const STARTER = { 'order.ts': '// starter\n' };
const mine = (n: number) => ({ 'order.ts': `console.log(${n});\n` });

const card: FlashcardState = {
  due: '2025-01-05T00:00:00.000Z',
  stability: 3.2,
  difficulty: 5.1,
  elapsed_days: 0,
  scheduled_days: 4,
  learning_steps: 0,
  reps: 1,
  lapses: 0,
  state: 2,
  last_review: '2025-01-01T00:00:00.000Z',
};

/** A store holding one of everything. */
function filled() {
  const s = setup();
  s.store.saveCode(ID, mine(1));
  s.store.resetCode(ID, STARTER);
  s.store.saveCode('promises/all-settled', { 'settle.ts': 'export {}\n', 'helpers.ts': '// h\n' });
  s.store.recordRun(ID, 'fail');
  s.store.recordRun(ID, 'pass');
  s.store.recordHint('promises/all-settled', [0, 1]);
  s.store.saveFlashcard('event-loop/microtasks-first', card);
  s.store.markLessonRead('event-loop/what-is-the-loop');
  return s;
}

describe('code', () => {
  test('saved code comes back; one key per exercise, and saving writes only that key', () => {
    const { store, items, state } = setup();
    expect(store.getCode(ID)).toBeUndefined();
    expect(store.saveCode(ID, mine(1))).toEqual({ ok: true });
    store.saveCode('promises/race', mine(9));
    state.writes.length = 0;
    store.saveCode(ID, mine(2));
    expect(state.writes).toEqual([`ct:v1:code:${ID}`]);
    expect(store.getCode(ID)).toEqual({ files: mine(2), updatedAt: expect.any(String) });
    expect(store.getCode('promises/race')?.files).toEqual(mine(9));
    expect([...items.keys()].sort()).toEqual([`ct:v1:code:${ID}`, 'ct:v1:code:promises/race']);
  });

  test('reset keeps the code in history; undo brings it back; undoing the undo returns to the starter', () => {
    const { store } = setup();
    store.saveCode(ID, mine(1));
    expect(store.resetCode(ID, STARTER)).toEqual({ ok: true });
    expect(store.getCode(ID)?.files).toEqual(STARTER);
    expect(store.history(ID)).toEqual([{ files: mine(1), savedAt: expect.any(String), reason: 'reset' }]);

    expect(store.undoReset(ID)).toEqual({ ok: true, files: mine(1) });
    expect(store.getCode(ID)?.files).toEqual(mine(1));
    expect(store.history(ID)).toEqual([{ files: STARTER, savedAt: expect.any(String), reason: 'undo' }]);

    expect(store.undoReset(ID)).toEqual({ ok: true, files: STARTER });
    expect(store.getCode(ID)?.files).toEqual(STARTER);
    expect(store.history(ID).map((e) => e.files)).toEqual([mine(1)]);
  });

  test('reset of unchanged or unsaved code adds no history; undo with no history says so', () => {
    const { store } = setup();
    store.resetCode(ID, STARTER);
    store.resetCode(ID, STARTER);
    expect(store.history(ID)).toEqual([]);
    expect(store.undoReset(ID)).toEqual({ ok: false, message: 'There is no earlier code to go back to.' });
    expect(store.getCode(ID)?.files).toEqual(STARTER);
  });

  test('show solution is undoable like a reset', () => {
    const { store } = setup();
    store.saveCode(ID, mine(1));
    store.showSolution(ID, { 'order.ts': '// solution\n' });
    expect(store.history(ID).at(-1)).toMatchObject({ files: mine(1), reason: 'show-solution' });
    expect(store.undoReset(ID)).toEqual({ ok: true, files: mine(1) });
  });

  test(`history keeps the newest ${HISTORY_LIMIT} entries`, () => {
    const { store } = setup();
    for (let n = 1; n <= HISTORY_LIMIT + 5; n++) {
      store.saveCode(ID, mine(n));
      store.resetCode(ID, STARTER);
    }
    const history = store.history(ID);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]?.files).toEqual(mine(6));
    expect(history.at(-1)?.files).toEqual(mine(HISTORY_LIMIT + 5));
  });
});

describe('exercise status', () => {
  test('attempted until a pass, passed from then on; runs counted; last verdict kept', () => {
    const { store } = setup();
    expect(store.getStatus(ID)).toBeUndefined();
    store.recordRun(ID, 'fail');
    expect(store.getStatus(ID)).toMatchObject({ status: 'attempted', lastVerdict: 'fail', runs: 1, hintsShown: 0 });
    store.recordRun(ID, 'timeout');
    expect(store.getStatus(ID)).toMatchObject({ status: 'attempted', lastVerdict: 'timeout', runs: 2 });
    store.recordRun(ID, 'pass');
    expect(store.getStatus(ID)).toMatchObject({ status: 'passed', lastVerdict: 'pass', runs: 3 });
    store.recordRun(ID, 'error');
    expect(store.getStatus(ID)).toMatchObject({ status: 'passed', lastVerdict: 'error', runs: 4 });
  });

  test('hints: counted before any run, never going down', () => {
    const { store } = setup();
    store.recordHint(ID, [3, 0]);
    expect(store.getStatus(ID)).toEqual({ status: 'attempted', runs: 0, hintsShown: 2, hintsSeen: [3, 0], updatedAt: expect.any(String) });
    store.recordHint(ID, [3]);
    expect(store.getStatus(ID)?.hintsShown).toBe(2);
    store.recordRun('promises/race', 'pass');
    expect(Object.keys(store.allExerciseStatuses()).sort()).toEqual([ID, 'promises/race']);
  });
});

describe('flashcards and lessons', () => {
  test('a card schedule round-trips, keeping fields a later ts-fsrs may add', () => {
    const { store } = setup();
    const future = { ...card, some_new_field: [1, 2] };
    expect(store.saveFlashcard('event-loop/a', future)).toEqual({ ok: true });
    expect(store.getFlashcard('event-loop/a')).toEqual(future);
    const { learning_steps: _steps, elapsed_days: _elapsed, ...older } = card;
    store.saveFlashcard('event-loop/b', older);
    expect(store.getFlashcard('event-loop/b')).toEqual(older);
  });

  test('an invalid card is not saved', () => {
    const { store, items } = setup();
    const result = store.saveFlashcard('event-loop/a', { ...card, state: 7 });
    expect(result).toEqual({ ok: false, message: 'Not saved, the data is invalid: state: must be at most 3' });
    expect(items.size).toBe(0);
  });

  test('a lesson keeps the first time it was read', () => {
    const { store } = setup();
    store.markLessonRead('event-loop/intro');
    const first = store.lessonsRead()['event-loop/intro'];
    store.markLessonRead('event-loop/intro');
    expect(store.lessonsRead()).toEqual({ 'event-loop/intro': first });
  });
});

describe('export and import', () => {
  test('export → import into an empty storage reproduces everything', () => {
    const original = filled();
    const file = original.store.exportAll();
    expect(progressFileSchema.parse(file)).toEqual(file);
    expect(file).toMatchObject({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION });
    expect(Object.keys(file.data.code)).toHaveLength(2);

    const fresh = setup();
    const result = fresh.store.importAll(JSON.stringify(file));
    expect(result).toEqual({ ok: true, counts: { code: 2, codeHistory: 1, exercises: 2, flashcards: 1, lessons: 1 } });
    expect(fresh.store.exportAll().data).toEqual(file.data);
    expect(fresh.store.history(ID)).toEqual(original.store.history(ID));
    expect(fresh.store.getStatus(ID)).toEqual(original.store.getStatus(ID));
    expect(fresh.store.problems()).toEqual([]);
  });

  const good = (): ProgressFile => filled().store.exportAll();
  const bad: Array<[string, unknown, string]> = [
    ['text that is not JSON', 'PK\u0003\u0004 garbage', 'This file is not a Concurrent TypeScript progress export. (It is not JSON.)'],
    ['another program’s JSON', { name: 'my-app', version: '1.0.0' }, 'This file is not a Concurrent TypeScript progress export.'],
    ['a JSON list', [1, 2, 3], 'This file is not a Concurrent TypeScript progress export.'],
    ['a newer version', { ...good(), version: PROGRESS_VERSION + 1 }, `It was made by a newer version of the course (version ${PROGRESS_VERSION + 1})`],
    [
      'one bad field',
      (() => {
        const file = good();
        (file.data.code as Record<string, unknown>)['event-loop/x'] = { files: 'oops', updatedAt: '2025-01-01T00:00:00.000Z' };
        return file;
      })(),
      'data.code["event-loop/x"].files: expected an object, not a string',
    ],
    [
      'a missing field',
      (() => {
        const file = good();
        delete (file.data.exercises[ID] as Partial<ProgressFile['data']['exercises'][string]>).runs;
        return file;
      })(),
      `data.exercises["${ID}"].runs: is missing`,
    ],
    ['a bad date', { ...good(), exportedAt: 'yesterday' }, 'exportedAt: expected a date and time'],
  ];

  test.each(bad)('importing %s is refused with a clear message and changes nothing', (_name, input, message) => {
    const { store, items, snapshot } = filled();
    items.set('unrelated', 'x');
    const before = snapshot();
    const result = store.importAll(typeof input === 'string' ? input : JSON.stringify(input));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
    expect(items).toEqual(before);
    // An already-parsed value is treated the same.
    expect(store.importAll(input)).toEqual(result);
    expect(items).toEqual(before);
  });

  test('import replaces everything; code it replaces is kept in history; undoImport puts the old data back', () => {
    const source = setup();
    source.store.saveCode(ID, mine(100));
    source.store.markLessonRead('promises/intro');
    const file = source.store.exportAll();

    const { store, items } = filled();
    items.set('unrelated', 'x');
    const before = store.exportAll();
    const result = store.importAll(file);
    expect(result).toEqual({ ok: true, counts: { code: 1, codeHistory: 2, exercises: 0, flashcards: 0, lessons: 1 } });
    const after = store.exportAll().data;
    expect(after.code).toEqual(file.data.code);
    expect(after.exercises).toEqual({});
    expect(after.flashcards).toEqual({});
    expect(after.lessons).toEqual(file.data.lessons);
    // Nothing typed is lost: both exercises' previous code can be brought back with undoReset.
    expect(store.history(ID).at(-1)).toMatchObject({ files: STARTER, reason: 'import' });
    expect(store.history('promises/all-settled').at(-1)).toMatchObject({ files: before.data.code['promises/all-settled']?.files, reason: 'import' });
    expect(JSON.parse(items.get(BACKUP_KEY) ?? '')).toEqual({ ...before, exportedAt: expect.any(String) });

    const undone = store.undoImport();
    expect(undone.ok).toBe(true);
    expect(store.exportAll().data).toEqual(before.data);
    expect(items.get('unrelated')).toBe('x');

    // Undoing the undo brings the imported data back.
    store.undoImport();
    expect(store.exportAll().data).toEqual(after);
  });

  test('undoImport without an import says so', () => {
    expect(setup().store.undoImport()).toEqual({ ok: false, message: 'There is no import to undo.' });
  });

  test('describeIssue names the place in the file', () => {
    const parsed = progressFileSchema.safeParse(
      { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exportedAt: '2025-01-01T00:00:00Z', data: { code: { 'event-loop/x': { files: 3 } } } },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssue(parsed.error.issues[0]!)).toBe('data.code["event-loop/x"].files: expected an object, not a number');
  });
});

describe('unreadable data in storage', () => {
  test('is not loaded, is reported, and is set aside (not overwritten) when new data is saved', () => {
    const { store, items } = setup();
    const key = `ct:v1:code:${ID}`;
    items.set(key, '{"files": {"order.ts": "half a fi');
    expect(store.getCode(ID)).toBeUndefined();
    expect(store.exportAll().data.code).toEqual({});
    expect(store.problems()).toEqual([{ key, kind: 'unreadable', message: expect.stringContaining('not valid JSON') }]);
    expect(items.get(key)).toBe('{"files": {"order.ts": "half a fi');

    store.saveCode(ID, mine(1));
    expect(store.getCode(ID)?.files).toEqual(mine(1));
    const aside = [...items.keys()].filter((k) => k.startsWith('ct:v1:corrupt:'));
    expect(aside).toEqual([expect.stringMatching(/^ct:v1:corrupt:2025-01-01T12:00:\d\d\.000Z:/)]);
    expect(aside[0]?.endsWith(`Z:${key}`)).toBe(true);
    expect(items.get(aside[0]!)).toBe('{"files": {"order.ts": "half a fi');
    expect(store.problems()).toEqual([{ key: aside[0], kind: 'kept-aside', message: expect.stringContaining(key) }]);

    expect(store.discardKeptAside(aside[0]!)).toEqual({ ok: true });
    expect(store.problems()).toEqual([]);
    expect(store.discardKeptAside(key).ok).toBe(false);
    expect(store.getCode(ID)?.files).toEqual(mine(1));
  });

  test('data that fails its schema is kept aside too, and two in the same moment do not collide', () => {
    const fake = fakeStorage();
    const store = createProgressStore(fake.storage, () => new Date(Date.UTC(2025, 0, 1)));
    fake.items.set(`ct:v1:exercise:${ID}`, '{"status":"done"}');
    fake.items.set(`ct:v1:history:${ID}`, '42');
    expect(store.problems().map((p) => p.message)).toEqual([
      `Your saved progress for "${ID}" could not be read (status: expected one of "attempted", "passed"). It is left as it is, and will be set aside rather than overwritten.`,
      expect.stringContaining('expected a list'),
    ]);
    store.recordRun(ID, 'pass');
    store.saveCode(ID, mine(1));
    store.resetCode(ID, STARTER);
    expect(store.getStatus(ID)).toMatchObject({ status: 'passed', runs: 1 });
    expect(store.history(ID)).toHaveLength(1);
    expect(fake.items.get(`ct:v1:corrupt:2025-01-01T00:00:00.000Z:ct:v1:exercise:${ID}`)).toBe('{"status":"done"}');
    expect(fake.items.get(`ct:v1:corrupt:2025-01-01T00:00:00.000Z:ct:v1:history:${ID}`)).toBe('42');
    fake.items.set(`ct:v1:lesson:x`, 'null');
    fake.items.set(`ct:v1:corrupt:2025-01-01T00:00:00.000Z:ct:v1:lesson:x`, 'taken');
    store.markLessonRead('x');
    expect(fake.items.get(`ct:v1:corrupt:2025-01-01T00:00:00.000Z-2:ct:v1:lesson:x`)).toBe('null');
  });

  test('an import sets unreadable items aside instead of deleting them', () => {
    const { store, items } = setup();
    items.set('ct:v1:flashcard:a/b', 'not json');
    expect(store.importAll(filled().store.exportAll()).ok).toBe(true);
    expect([...items.values()]).toContain('not json');
    expect(store.problems().map((p) => p.kind)).toEqual(['kept-aside']);
  });
});

describe('storage failures', () => {
  test('a full storage: the save is refused with a message, nothing is lost, and the problem clears once a save works', () => {
    const { store, state } = setup({ quota: 400 });
    store.saveCode(ID, mine(1));
    const result = store.saveCode(ID, { 'order.ts': 'x'.repeat(500) });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('storage for this site is full') });
    expect(store.getCode(ID)?.files).toEqual(mine(1));
    expect(store.problems()).toEqual([{ key: `ct:v1:code:${ID}`, kind: 'storage', message: expect.stringContaining('full') }]);
    state.quota = Infinity;
    expect(store.saveCode(ID, mine(2)).ok).toBe(true);
    expect(store.problems()).toEqual([]);
  });

  test('a reset that cannot save the starter leaves code and history as they were', () => {
    const { store, items, snapshot, state } = setup();
    store.saveCode(ID, mine(1));
    const before = snapshot();
    state.quota = [...items].reduce((sum, [k, v]) => sum + k.length + v.length, 0) + 200;
    const result = store.resetCode(ID, { 'order.ts': 'y'.repeat(300) });
    expect(result.ok).toBe(false);
    expect(items).toEqual(before);
  });

  test('an import that runs out of space half-way puts the previous data back', () => {
    const big = setup();
    for (let n = 0; n < 5; n++) big.store.saveCode(`promises/ex-${n}`, { 'a.ts': 'z'.repeat(200) });
    const file = big.store.exportAll();

    const { store, state } = filled();
    const before = store.exportAll().data;
    state.quota = 2500;
    const result = store.importAll(file);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Nothing was imported, your progress is as it was: Your browser’s storage for this site is full') });
    expect(store.exportAll().data).toEqual(before);
  });

  test('storage that refuses all access: reads give nothing, writes explain, nothing throws', () => {
    const { store, state } = filled();
    state.blocked = true;
    expect(store.getCode(ID)).toBeUndefined();
    expect(store.saveCode(ID, mine(5))).toEqual({ ok: false, message: expect.stringContaining('does not allow the course to save') });
    expect(store.resetCode(ID, STARTER).ok).toBe(false);
    expect(store.undoReset(ID).ok).toBe(false);
    expect(store.recordRun(ID, 'pass').ok).toBe(false);
    expect(store.exportAll().data.code).toEqual({});
    expect(store.importAll(filled().store.exportAll()).ok).toBe(false);
    expect(store.problems().length).toBeGreaterThan(0);
    state.blocked = false;
    expect(store.getCode(ID)?.files).toEqual(STARTER);
  });

  test('outside a browser, openBrowserStorage falls back to memory and says so', () => {
    const { storage, persistent } = openBrowserStorage();
    expect(persistent).toBe(false);
    const store = createProgressStore(storage);
    store.saveCode(ID, mine(1));
    expect(store.getCode(ID)?.files).toEqual(mine(1));
  });
});

describe('keys outside the prefix', () => {
  test('are never read, changed or removed, whatever the store does', () => {
    const { store, items } = filled();
    const foreign = { 'theme': 'dark', 'ct:v2:code:x': '{}', 'ct:v1:notes:y': 'later kind', 'ct:v1x': 'similar' };
    for (const [k, v] of Object.entries(foreign)) items.set(k, v);
    const file = store.exportAll();
    store.importAll(file);
    store.undoImport();
    store.resetCode(ID, STARTER);
    store.undoReset(ID);
    for (const [k, v] of Object.entries(foreign)) expect(items.get(k)).toBe(v);
    expect(JSON.stringify(file)).not.toContain('later kind');
    expect(store.problems()).toEqual([]);
  });
});

describe('subscribe', () => {
  const added: Array<[string, unknown]> = [];
  afterEach(() => {
    added.length = 0;
    delete (globalThis as { addEventListener?: unknown }).addEventListener;
    delete (globalThis as { removeEventListener?: unknown }).removeEventListener;
  });

  test('listeners hear this store’s saves and other tabs’ storage events, until they unsubscribe', () => {
    const storage = memoryStorage();
    Object.assign(globalThis, {
      addEventListener: (type: string, fn: unknown) => added.push([type, fn]),
      removeEventListener: (type: string, fn: unknown) => added.splice(added.findIndex((a) => a[0] === type && a[1] === fn), 1),
    });
    const store = createProgressStore(storage);
    const heard: ProgressChange[] = [];
    const stop = store.subscribe((change) => heard.push(change));
    store.saveCode(ID, mine(1));
    const [[type, onStorage]] = added as [[string, (e: { key: string | null; storageArea?: unknown }) => void]];
    expect(type).toBe('storage');
    onStorage({ key: `ct:v1:exercise:${ID}`, storageArea: storage });
    onStorage({ key: `ct:v1:exercise:${ID}`, storageArea: memoryStorage() });
    onStorage({ key: 'theme', storageArea: storage });
    onStorage({ key: null, storageArea: storage });
    expect(heard).toEqual([{ kind: 'code', id: ID }, { kind: 'exercise', id: ID }, { kind: 'all' }]);
    stop();
    store.saveCode(ID, mine(2));
    expect(heard).toHaveLength(3);
    expect(added).toEqual([]);
  });
});
