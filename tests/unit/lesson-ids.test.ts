// The lesson split (progress format version 2): lessons read on the one-page-per-module course stay read, in the
// learner's storage and in a version-1 export file, and the table of what replaced what matches the pages on disk.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import legacy from '../../src/lib/course/legacy-lessons.json';
import { readModuleLessons } from '../../src/lib/course/sidebar.ts';
import { SPLIT_LESSONS, upgradeLessonsRead, upgradeStoredLessons } from '../../src/lib/progress/lesson-ids.ts';
import { PROGRESS_FORMAT, PROGRESS_VERSION, migrate1to2, progressFileV1Schema, type ProgressFile } from '../../src/lib/progress/format.ts';
import { checkProgressFile, createProgressStore, memoryStorage } from '../../src/lib/progress/store.ts';
import { readProgress } from '../../src/lib/dashboard/read-progress.ts';

const DOCS = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));
const OLD = 'event-loop/the-event-loop';
const PAGES = SPLIT_LESSONS[OLD]!;
const READ = { readAt: '2025-03-01T10:00:00.000Z' };
const LATER = { readAt: '2025-04-01T10:00:00.000Z' };
const key = (id: string) => `ct:v1:lesson:${id}`;

test('every old lesson maps to exactly the pages of its module on disk, in reading order', () => {
  expect(Object.keys(SPLIT_LESSONS).sort()).toEqual(Object.keys(legacy).sort());
  for (const [old, pages] of Object.entries(SPLIT_LESSONS)) {
    expect(pages, old).toEqual(readModuleLessons(DOCS, old.split('/')[0]!).map((l) => l.id));
    expect(pages.length, `${old} was split`).toBeGreaterThan(1);
  }
});

describe('in storage', () => {
  test('an old lesson read becomes every page that replaced it; a page read since keeps its own date; the old item goes', () => {
    const storage = memoryStorage();
    storage.setItem(key(OLD), JSON.stringify(READ));
    storage.setItem(key(PAGES[1]!), JSON.stringify(LATER));
    storage.setItem('ct:v1:code:event-loop/predict-the-order', '{"kept":"as it is"}');
    upgradeStoredLessons(storage);
    expect(storage.getItem(key(OLD))).toBeNull();
    for (const page of PAGES) expect(JSON.parse(storage.getItem(key(page))!), page).toEqual(page === PAGES[1] ? LATER : READ);
    expect(storage.getItem('ct:v1:code:event-loop/predict-the-order')).toBe('{"kept":"as it is"}');
    const after = [...Array(storage.length).keys()].map((i) => [storage.key(i), storage.getItem(storage.key(i)!)]);
    upgradeStoredLessons(storage);
    expect([...Array(storage.length).keys()].map((i) => [storage.key(i), storage.getItem(storage.key(i)!)])).toEqual(after);
  });

  test('a damaged old item is left where it is, for the store to report, and copies nowhere', () => {
    const storage = memoryStorage();
    storage.setItem(key(OLD), 'not json');
    upgradeStoredLessons(storage);
    expect(storage.getItem(key(OLD))).toBe('not json');
    for (const page of PAGES) expect(storage.getItem(key(page))).toBeNull();
    expect(createProgressStore(storage).problems()).toEqual([expect.objectContaining({ key: key(OLD), kind: 'unreadable' })]);
  });

  test('a storage that refuses access breaks nothing', () => {
    const refusing = { ...memoryStorage(), getItem: () => { throw new DOMException('no', 'SecurityError'); } };
    expect(() => upgradeStoredLessons(refusing)).not.toThrow();
  });

  test('the store and the dashboard both see the old lesson as its pages, read', () => {
    for (const see of [(s: ReturnType<typeof memoryStorage>) => createProgressStore(s).lessonsRead(), (s: ReturnType<typeof memoryStorage>) => readProgress(s).lessons]) {
      const storage = memoryStorage();
      storage.setItem(key(OLD), JSON.stringify(READ));
      expect(see(storage)).toEqual(Object.fromEntries(PAGES.map((p) => [p, READ])));
    }
  });
});

describe('in an export file', () => {
  const v1 = () => ({
    format: PROGRESS_FORMAT,
    version: 1,
    exportedAt: '2025-05-01T00:00:00.000Z',
    data: { code: {}, codeHistory: {}, exercises: {}, flashcards: {}, lessons: { [OLD]: READ, [PAGES[0]!]: LATER, 'promises/not-split': READ } },
  });

  test('migrate1to2 upgrades the lesson ids and the version, and nothing else', () => {
    const file = progressFileV1Schema.parse(v1());
    const upgraded = migrate1to2(file);
    expect(upgraded.version).toBe(2);
    expect(upgraded.data.lessons).toEqual({ 'promises/not-split': READ, ...Object.fromEntries(PAGES.map((p) => [p, p === PAGES[0] ? LATER : READ])) });
    expect({ ...upgraded, version: 1, data: { ...upgraded.data, lessons: file.data.lessons } }).toEqual(file);
    expect(upgradeLessonsRead({})).toEqual({});
  });

  test('importing a version-1 file gives the pages as read; export then writes the current version', () => {
    expect(PROGRESS_VERSION).toBe(2);
    const store = createProgressStore(memoryStorage());
    expect(store.importAll(JSON.stringify(v1()))).toMatchObject({ ok: true, counts: { lessons: PAGES.length + 1 } });
    expect(Object.keys(store.lessonsRead()).sort()).toEqual([...PAGES, 'promises/not-split'].sort());
    expect(store.exportAll().version).toBe(PROGRESS_VERSION);
  });

  test('a backup made before the upgrade (a version-1 file) can still be undone into', () => {
    const storage = memoryStorage();
    storage.setItem('ct:v1:backup', JSON.stringify(v1()));
    const store = createProgressStore(storage);
    expect(store.undoImport()).toMatchObject({ ok: true });
    expect(store.lessonsRead()[PAGES.at(-1)!]).toEqual(READ);
    expect(store.problems()).toEqual([]);
  });

  test('a damaged version-1 file is refused with the place of the damage', () => {
    const bad = v1();
    (bad.data.lessons as Record<string, unknown>)[OLD] = { readAt: 'yesterday' };
    const checked = checkProgressFile(bad);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(`data.lessons["${OLD}"].readAt: expected a date and time`);
    const current: ProgressFile = { ...v1(), version: 2 } as ProgressFile;
    expect(checkProgressFile(current).ok).toBe(true);
  });
});
