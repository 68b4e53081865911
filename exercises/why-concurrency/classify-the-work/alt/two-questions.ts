import type { Classification, Kind, TaskId, Tool } from './support/tasks.ts';

// Instead of writing out nine answers, ask the two questions of the lesson for every job.
// 1. Where does the time go? Only these jobs spend it waiting for something outside the program.
const WAITS_FOR_IO = new Set<TaskId>(['fetch-exchange-rates', 'read-config-files', 'query-orders', 'wait-for-webhook']);
// 2. Who computes? Node computes these on libuv's thread pool; everything else CPU-bound is our own JavaScript.
const NODE_COMPUTES_OFF_THREAD = new Set<TaskId>(['hash-with-node-crypto']);

export function classify(id: TaskId): Classification {
  const kind: Kind = WAITS_FOR_IO.has(id) ? 'io' : 'cpu';
  // Async code helps whenever our thread only waits: for I/O, and for work Node does on another thread.
  const tool: Tool = kind === 'io' || NODE_COMPUTES_OFF_THREAD.has(id) ? 'async' : 'worker';
  return { kind, tool };
}
