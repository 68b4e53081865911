import type { Classification, TaskId } from './support/tasks.ts';

const WAITS: Classification = { kind: 'io', tool: 'async' };
const COMPUTES: Classification = { kind: 'cpu', tool: 'worker' };

// Mistake: judges the kind by what the code looks like rather than where the time goes. Our program only awaits
// crypto.pbkdf2, so the hashing is taken for waiting; but it is 100,000 rounds of arithmetic per password, and a
// faster CPU would finish it sooner: it is CPU-bound, even though another thread does it.
const ANSWERS: Record<TaskId, Classification> = {
  'fetch-exchange-rates': WAITS,
  'hash-passwords': COMPUTES,
  'hash-with-node-crypto': WAITS,
  'read-config-files': WAITS,
  'resize-photos': COMPUTES,
  'query-orders': WAITS,
  'find-primes': COMPUTES,
  'wait-for-webhook': WAITS,
  'parse-huge-csv': COMPUTES,
};

export function classify(id: TaskId): Classification {
  return ANSWERS[id];
}
