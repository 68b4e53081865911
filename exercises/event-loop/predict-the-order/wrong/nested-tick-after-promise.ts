// Mistake: knows nextTick beats promises, but thinks a tick queued from inside a nextTick callback waits
// behind the promise callback that was already queued. Node keeps emptying the nextTick queue first.

export const syncThenAsync: string[] = ['sync 1', 'sync 2', 'sync 3', 'promise', 'microtask', 'timeout'];

export const microtasksBetweenTimers: string[] = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  'promise from timeout 1',
  'microtask from timeout 1',
  'timeout 2',
];

export const nextTickInCommonjs: string[] = ['sync', 'nextTick 1', 'promise', 'nextTick 2'];

export const insideIoCallback: string[] = ['sync', 'file read', 'immediate', 'timeout'];

export const afterAnAwait: string[] = ['job starts', 'sync', 'tick from script', 'job resumed', 'promise from job', 'tick from job'];
