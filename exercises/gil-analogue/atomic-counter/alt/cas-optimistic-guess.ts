// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Creates `n` counters, all 0, in memory that worker threads can share. */
export function createCounters(n: number): Int32Array {
  const counters = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * n));
  return counters; // a new SharedArrayBuffer is zeroed
}

/** Adds 1 to `counters[index]`, `times` times, each time with one atomic step. */
export function countUp(counters: Int32Array, index: number, times: number): void {
  let done = 0;
  while (done < times) {
    Atomics.add(counters, index, 1);
    done++;
  }
}

/** The sum of all counters, each read with Atomics.load. */
export function total(counters: Int32Array): number {
  let sum = 0;
  counters.forEach((_, i) => {
    sum += Atomics.load(counters, i);
  });
  return sum;
}

/** Takes the next ticket (0, 1, 2, ...) or returns -1 once all `limit` are gone. */
export function takeTicket(counters: Int32Array, index: number, limit: number): number {
  // No load at all: guess that ticket 0 is free and let compareExchange correct the guess. It writes only when the
  // guess was right, and otherwise returns the real count, which becomes the next guess. The counter can never
  // pass `limit`, because we only ever write guess + 1 for a guess below it.
  let guess = 0;
  while (guess < limit) {
    const found = Atomics.compareExchange(counters, index, guess, guess + 1);
    if (found === guess) return guess;
    guess = found;
  }
  return -1;
}
