import type { Classification, TaskId } from './support/tasks.ts';

// A switch that groups the jobs by answer. The `never` check at the end makes TypeScript complain if a job is
// added to support/tasks.ts and forgotten here.
export function classify(id: TaskId): Classification {
  switch (id) {
    // Waiting on a network, a disk, a database or a person: overlap the waits on the event loop.
    case 'fetch-exchange-rates':
    case 'read-config-files':
    case 'query-orders':
    case 'wait-for-webhook':
      return { kind: 'io', tool: 'async' };
    // Computing in our own JavaScript: it would block the one thread, so it goes to a worker.
    case 'hash-passwords':
    case 'resize-photos':
    case 'find-primes':
    case 'parse-huge-csv':
      return { kind: 'cpu', tool: 'worker' };
    // Computing, but by Node on libuv's thread pool: our code only waits for the callback.
    case 'hash-with-node-crypto':
      return { kind: 'cpu', tool: 'async' };
    default: {
      const unknown: never = id;
      throw new Error(`no such job: ${String(unknown)}`);
    }
  }
}
