// Mistake: treats a 0 ms timer as "run right after the script", ahead of promise callbacks, and thinks
// microtasks only run once all due timers are done.

export const syncThenAsync: string[] = ['sync 1', 'sync 2', 'sync 3', 'timeout', 'promise', 'microtask'];

export const microtasksBetweenTimers: string[] = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  'timeout 2',
  'promise from timeout 1',
  'microtask from timeout 1',
];

export const nextTickInCommonjs: string[] = ['sync', 'nextTick 1', 'nextTick 2', 'promise'];

export const insideIoCallback: string[] = ['sync', 'file read', 'immediate', 'timeout'];

export const afterAnAwait: string[] = ['job starts', 'sync', 'tick from script', 'job resumed', 'promise from job', 'tick from job'];
