// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Creates `n` counters, all 0, in memory that worker threads can share. */
export function createCounters(n: number): Int32Array {
  // An ordinary ArrayBuffer is copied when it is sent to a worker; a SharedArrayBuffer is shared: every thread
  // that receives it sees the same bytes. New memory starts zeroed.
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
}

/** Adds 1 to `counters[index]`, `times` times, each time with one atomic step. */
export function countUp(counters: Int32Array, index: number, times: number): void {
  for (let i = 0; i < times; i++) {
    // `counters[index]++` is a read, an add and a write: another thread can write in between, and its update is
    // lost. Atomics.add does all three as one step that no other thread can split.
    Atomics.add(counters, index, 1);
  }
}

/** The sum of all counters, each read with Atomics.load. */
export function total(counters: Int32Array): number {
  let sum = 0;
  // Atomics.load reads the value other threads have stored, never a stale or half-written one.
  for (let i = 0; i < counters.length; i++) sum += Atomics.load(counters, i);
  return sum;
}

/**
 * Takes the next ticket from the dispenser `counters[index]`, which holds how many tickets have been taken so far.
 * Returns the ticket's number (0, 1, 2, ...) or -1 when all `limit` tickets are gone.
 */
export function takeTicket(counters: Int32Array, index: number, limit: number): number {
  // Take first, in one atomic step, and give the ticket back if it was one too many. Every ticket still goes to one
  // caller, but for a moment the counter says limit + 1.
  const ticket = Atomics.add(counters, index, 1);
  if (ticket >= limit) {
    Atomics.sub(counters, index, 1);
    return -1;
  }
  return ticket;
}
