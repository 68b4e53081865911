// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Creates `n` counters, all 0, in memory that worker threads can share. */
export function createCounters(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
}

/** Adds 1 to `counters[index]`, `times` times, each time with one atomic step. */
export function countUp(counters: Int32Array, index: number, times: number): void {
  for (let left = times; left > 0; left--) Atomics.add(counters, index, 1);
}

/** The sum of all counters, each read with Atomics.load. */
export function total(counters: Int32Array): number {
  return Array.from(counters, (_, i) => Atomics.load(counters, i)).reduce((sum, value) => sum + value, 0);
}

/** Takes the next ticket (0, 1, 2, ...) or returns -1 once all `limit` are gone. */
export function takeTicket(counters: Int32Array, index: number, limit: number): number {
  // Look once; after that, a failed compareExchange already tells us the counter's current value, so there is
  // no need to load it again.
  let seen = Atomics.load(counters, index);
  while (seen < limit) {
    const found = Atomics.compareExchange(counters, index, seen, seen + 1);
    if (found === seen) return seen; // nobody got in between: ticket `seen` is ours
    seen = found; // another thread took one meanwhile: try for the next
  }
  return -1;
}
