// Until progress format version 2, each module was one long lesson page with one lesson id
// (`event-loop/the-event-loop`). Version 2 splits every module into pages a learner reads in one sitting, each
// with its own id. A learner who had read an old page read all of it, so its "read" carries over to every page
// that replaced it. This file is small and free of zod on purpose: the dashboard and every lesson page run it.
import type { StorageLike } from './store.ts';

/** Old lesson id → the pages that replaced it, in reading order. tests/unit/lesson-ids.test.ts checks this
 *  against the lessons on disk, so a page added or renamed later cannot leave it stale. */
export const SPLIT_LESSONS: Readonly<Record<string, readonly string[]>> = {
  'why-concurrency/why-concurrency': ['why-concurrency/where-time-goes', 'why-concurrency/concurrency-and-parallelism', 'why-concurrency/when-the-work-computes'],
  'event-loop/the-event-loop': ['event-loop/one-thread', 'event-loop/queues-and-phases', 'event-loop/async-functions', 'event-loop/microtask-drain'],
  'promises/promises-as-futures': ['promises/settling-and-chaining', 'promises/combinators', 'promises/timeouts-retries-limits', 'promises/unhandled-rejections', 'promises/crash-traps'],
  'async-iteration/async-iteration-and-queues': ['async-iteration/async-iterators', 'async-iteration/producer-consumer', 'async-iteration/fan-out-fan-in', 'async-iteration/streams-and-pipelines'],
  'threads/worker-threads-and-processes': ['threads/first-worker', 'threads/messages', 'threads/failures-and-processes', 'threads/pools'],
  'gil-analogue/the-gil-analogue': ['gil-analogue/one-thread', 'gil-analogue/await-races', 'gil-analogue/blocked-loop', 'gil-analogue/shared-memory', 'gil-analogue/thread-locks'],
  'shutdown/cancellation-and-shutdown': ['shutdown/abort-signals', 'shutdown/abortable-functions', 'shutdown/cleanup', 'shutdown/os-signals', 'shutdown/graceful-shutdown', 'shutdown/workers'],
  'debugging/debugging-async-code': ['debugging/unhandled-rejections', 'debugging/stack-traces', 'debugging/warnings-and-leaks', 'debugging/async-local-storage', 'debugging/testing-timers'],
};

/** The storage key of a lesson's "read" item (`ct:v1:lesson:<id>`; the storage layout is still version 1). */
const lessonKey = (id: string): string => `ct:v1:lesson:${id}`;

/** The check the store's schema makes of a `LessonRead`, enough to never copy a damaged item. */
function isLessonRead(raw: string): boolean {
  try {
    const value = JSON.parse(raw) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { readAt?: unknown }).readAt === 'string';
  } catch {
    return false;
  }
}

/**
 * A version-1 `lessons` section with each old id replaced by the pages that replaced it. A page already present
 * keeps its own entry; ids that are not old ones pass through unchanged. Pure.
 */
export function upgradeLessonsRead<T>(lessons: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [id, read] of Object.entries(lessons)) if (!Object.hasOwn(SPLIT_LESSONS, id)) out[id] = read;
  for (const [id, read] of Object.entries(lessons)) {
    for (const page of SPLIT_LESSONS[id] ?? []) if (!Object.hasOwn(out, page)) out[page] = read;
  }
  return out;
}

/**
 * Does the same to the learner's storage, in place: each stored old lesson item is copied, unchanged, to every page
 * that replaced it (unless that page has an item already), then removed. Running it again changes nothing. An
 * unreadable old item is left where it is (the store reports it, as it reports any unreadable item), and one that
 * cannot be copied whole stays too, to be tried again next time; storage errors are swallowed, since the store
 * reports them when it next reads or writes.
 */
export function upgradeStoredLessons(storage: StorageLike): void {
  for (const [old, pages] of Object.entries(SPLIT_LESSONS)) {
    try {
      const raw = storage.getItem(lessonKey(old));
      if (raw === null || !isLessonRead(raw)) continue;
      for (const page of pages) if (storage.getItem(lessonKey(page)) === null) storage.setItem(lessonKey(page), raw);
      storage.removeItem(lessonKey(old));
    } catch {
      // Left for the next page load.
    }
  }
}
