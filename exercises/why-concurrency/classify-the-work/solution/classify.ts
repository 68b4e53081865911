import type { Classification, TaskId } from './support/tasks.ts';

// Waiting overlaps on one thread, so I/O-bound jobs want async code; computing needs another core, so
// CPU-bound jobs want a worker (a worker thread or a child process).
const WAITS: Classification = { kind: 'io', tool: 'async' };
const COMPUTES: Classification = { kind: 'cpu', tool: 'worker' };

// The exception: CPU-bound work that Node itself computes on libuv's thread pool. The JavaScript thread only
// starts it and waits for the callback, so async code is the tool, like for I/O.
const NODE_COMPUTES: Classification = { kind: 'cpu', tool: 'async' };

const ANSWERS: Record<TaskId, Classification> = {
  'fetch-exchange-rates': WAITS, // the banks' servers do the work; we wait for their answers
  'hash-passwords': COMPUTES, // our own hashing loop: pure CPU on our thread
  'hash-with-node-crypto': NODE_COMPUTES, // the async crypto.pbkdf2 hashes on libuv's thread pool
  'read-config-files': WAITS, // the disk does the work
  'resize-photos': COMPUTES, // every pixel goes through our own code
  'query-orders': WAITS, // the database server does the work
  'find-primes': COMPUTES, // a sieve is arithmetic and memory, no waiting
  'wait-for-webhook': WAITS, // nothing to compute until someone calls us
  'parse-huge-csv': COMPUTES, // already in memory: parsing is the whole job
};

/** Says where the job `id` spends its time, and which tool speeds it up. */
export function classify(id: TaskId): Classification {
  return ANSWERS[id];
}
