// Each prediction as a read-only tuple (`as const`), so nothing can change it by accident; the shared first
// lines are written once. `satisfies` still checks that every export is a list of strings.

const syncLines = ['sync 1', 'sync 2', 'sync 3'] as const;

export const syncThenAsync = [...syncLines, 'promise', 'microtask', 'timeout'] as const satisfies readonly string[];

export const microtasksBetweenTimers = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  'promise from timeout 1',
  'microtask from timeout 1',
  'timeout 2',
] as const satisfies readonly string[];

export const nextTickInCommonjs = ['sync', 'nextTick 1', 'nextTick 2', 'promise'] as const satisfies readonly string[];

export const insideIoCallback = ['sync', 'file read', 'immediate', 'timeout'] as const satisfies readonly string[];

export const afterAnAwait = [
  'job starts',
  'sync',
  'tick from script',
  'job resumed',
  'promise from job',
  'tick from job',
] as const satisfies readonly string[];
