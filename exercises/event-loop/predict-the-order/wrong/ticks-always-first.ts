// Mistake: learned "nextTick before promises" from a CommonJS script and applies it everywhere. That holds after
// code the loop called (here, the main script), but code after an await is itself a microtask: the promise
// callback it queues runs before the tick it queues.

export const syncThenAsync: string[] = ['sync 1', 'sync 2', 'sync 3', 'promise', 'microtask', 'timeout'];

export const microtasksBetweenTimers: string[] = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  'promise from timeout 1',
  'microtask from timeout 1',
  'timeout 2',
];

export const nextTickInCommonjs: string[] = ['sync', 'nextTick 1', 'nextTick 2', 'promise'];

export const insideIoCallback: string[] = ['sync', 'file read', 'immediate', 'timeout'];

export const afterAnAwait: string[] = ['job starts', 'sync', 'tick from script', 'job resumed', 'tick from job', 'promise from job'];
