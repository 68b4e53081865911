// Mistake: applies the ES-module rule (promise callbacks first) to a CommonJS script, or simply assumes
// callbacks run in the order they were scheduled.

export const syncThenAsync: string[] = ['sync 1', 'sync 2', 'sync 3', 'promise', 'microtask', 'timeout'];

export const microtasksBetweenTimers: string[] = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  'promise from timeout 1',
  'microtask from timeout 1',
  'timeout 2',
];

export const nextTickInCommonjs: string[] = ['sync', 'promise', 'nextTick 1', 'nextTick 2'];

export const insideIoCallback: string[] = ['sync', 'file read', 'immediate', 'timeout'];

export const afterAnAwait: string[] = ['job starts', 'sync', 'job resumed', 'promise from job', 'tick from script', 'tick from job'];
