// Mistake: assumes the 0 ms timer, scheduled first, runs first. Inside an I/O callback the check phase
// (setImmediate) always comes before the loop gets back round to its timers phase.

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

export const insideIoCallback: string[] = ['sync', 'file read', 'timeout', 'immediate'];

export const afterAnAwait: string[] = ['job starts', 'sync', 'tick from script', 'job resumed', 'promise from job', 'tick from job'];
