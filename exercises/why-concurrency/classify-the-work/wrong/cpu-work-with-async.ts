import type { Classification, TaskId } from './support/tasks.ts';

const CPU = new Set<TaskId>(['hash-passwords', 'hash-with-node-crypto', 'resize-photos', 'find-primes', 'parse-huge-csv']);

// Mistake: the kinds are right, but CPU-bound jobs are "made async" too, as if an async function ran on
// another thread. It still runs on the one JavaScript thread and blocks it.
export function classify(id: TaskId): Classification {
  return { kind: CPU.has(id) ? 'cpu' : 'io', tool: 'async' };
}
