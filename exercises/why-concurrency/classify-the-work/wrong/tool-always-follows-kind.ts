import type { Classification, TaskId } from './support/tasks.ts';

const WAITS: Classification = { kind: 'io', tool: 'async' };
const COMPUTES: Classification = { kind: 'cpu', tool: 'worker' };

// Mistake: "CPU-bound means a worker", without asking who computes. The asynchronous crypto.pbkdf2 already hashes
// on libuv's thread pool; the JavaScript thread only waits for it, so a worker adds nothing.
const ANSWERS: Record<TaskId, Classification> = {
  'fetch-exchange-rates': WAITS,
  'hash-passwords': COMPUTES,
  'hash-with-node-crypto': COMPUTES,
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
