// A lock for worker threads, kept in one cell of a shared Int32Array: 0 = free, 1 = held.
// (You may also use 2 = "held, and a thread may be asleep waiting for it": see the instructions.)
//
// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Takes the lock in `cells[index]`: returns once this thread holds it, sleeping (not spinning) while another does. */
export function lock(cells: Int32Array, index: number): void {
  throw new Error('TODO: take the lock with Atomics.compareExchange, sleep with Atomics.wait while it is held');
}

/** Releases the lock in `cells[index]`, which this thread holds, and wakes one thread waiting for it. */
export function unlock(cells: Int32Array, index: number): void {
  throw new Error('TODO: free the lock and wake a waiter with Atomics.notify');
}

/** Runs `fn` while holding the lock in `cells[index]`, releases it however `fn` ends, and returns what `fn` returns. */
export function withLock<T>(cells: Int32Array, index: number, fn: () => T): T {
  throw new Error('TODO: lock, run fn, unlock in every case');
}

/**
 * Moves `amount` from account `cells[from]` to account `cells[to]` under the lock in `cells[lockIndex]`, and returns
 * true; returns false and changes nothing when `cells[from]` holds less than `amount`.
 */
export function transfer(cells: Int32Array, lockIndex: number, from: number, to: number, amount: number): boolean {
  throw new Error('TODO: check and move the money while holding the lock');
}
