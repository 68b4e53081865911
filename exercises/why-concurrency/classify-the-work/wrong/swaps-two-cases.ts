import type { Classification, TaskId } from './support/tasks.ts';

const WAITS: Classification = { kind: 'io', tool: 'async' };
const COMPUTES: Classification = { kind: 'cpu', tool: 'worker' };

// Mistake: judges by how the job sounds. "CSV file" sounds like disk I/O and "config" sounds like work to do,
// so those two swap places.
const ANSWERS: Record<TaskId, Classification> = {
  'fetch-exchange-rates': WAITS,
  'hash-passwords': COMPUTES,
  'hash-with-node-crypto': { kind: 'cpu', tool: 'async' },
  'read-config-files': COMPUTES,
  'resize-photos': COMPUTES,
  'query-orders': WAITS,
  'find-primes': COMPUTES,
  'wait-for-webhook': WAITS,
  'parse-huge-csv': WAITS,
};

export function classify(id: TaskId): Classification {
  return ANSWERS[id];
}
