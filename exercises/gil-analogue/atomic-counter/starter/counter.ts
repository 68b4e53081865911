// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Creates `n` counters, all 0, in memory that worker threads can share. */
export function createCounters(n: number): Int32Array {
  throw new Error('TODO: create n counters in a SharedArrayBuffer');
}

/** Adds 1 to `counters[index]`, `times` times, each time with one atomic step. */
export function countUp(counters: Int32Array, index: number, times: number): void {
  throw new Error('TODO: count up with Atomics.add');
}

/** The sum of all counters, each read with Atomics.load. */
export function total(counters: Int32Array): number {
  throw new Error('TODO: add up the counters, read with Atomics.load');
}

/**
 * Takes the next ticket from the dispenser `counters[index]`, which holds how many tickets have been taken so far.
 * Returns the ticket's number (0, 1, 2, ...) or -1 when all `limit` tickets are gone. The counter never goes past
 * `limit`, and no ticket is handed out twice, whatever other threads do at the same time.
 */
export function takeTicket(counters: Int32Array, index: number, limit: number): number {
  throw new Error('TODO: take a ticket with Atomics.compareExchange');
}
