/**
 * Nine jobs a Node service might have to do. Read each description and decide where its time goes: waiting for
 * something outside the program (a disk, a network, a database, a person) or computing on the CPU.
 */
export const TASKS = [
  {
    id: 'fetch-exchange-rates',
    description: 'Ask three banks for today\'s exchange rates over HTTPS; each answers after about 200 ms.',
  },
  {
    id: 'hash-passwords',
    description:
      'Hash 5,000 new passwords with a slow hashing loop written in our own JavaScript: 100,000 rounds of SHA-256 each.',
  },
  {
    id: 'hash-with-node-crypto',
    description:
      "Hash 5,000 new passwords with Node's built-in crypto.pbkdf2, in its asynchronous (callback) form: 100,000 rounds of SHA-256 each.",
  },
  {
    id: 'read-config-files',
    description: 'Read twelve small JSON config files from disk at start-up.',
  },
  {
    id: 'resize-photos',
    description: 'Shrink 300 photos to thumbnails by reading and rewriting every pixel in JavaScript.',
  },
  {
    id: 'query-orders',
    description: 'Run four SQL queries against a database server and wait for the rows to come back.',
  },
  {
    id: 'find-primes',
    description: 'Find every prime number below 50 million with a sieve.',
  },
  {
    id: 'wait-for-webhook',
    description: 'Wait until a payment provider calls our webhook, which can take several seconds.',
  },
  {
    id: 'parse-huge-csv',
    description: 'Parse and validate a 2 GB CSV file that is already in memory, row by row.',
  },
] as const;

export type TaskId = (typeof TASKS)[number]['id'];

/** Where a task spends its time: waiting on I/O, or computing on the CPU. */
export type Kind = 'io' | 'cpu';

/** What to reach for: async code on the event loop, or a worker (a worker thread or another process). */
export type Tool = 'async' | 'worker';

export interface Classification {
  kind: Kind;
  tool: Tool;
}
