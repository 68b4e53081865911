// A lock for worker threads, kept in one cell of a shared Int32Array: 0 = free, 1 = held.
//
// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

const FREE = 0;
const HELD = 1;

/** Takes the lock in `cells[index]`: returns once this thread holds it, sleeping (not spinning) while another does. */
export function lock(cells: Int32Array, index: number): void {
  // compareExchange turns FREE into HELD in one step and returns what it found. Two threads can never both find
  // FREE: a separate "is it free?" load and a "mine now" store would leave a gap for another thread between them.
  let seen: number;
  while ((seen = Atomics.compareExchange(cells, index, FREE, HELD)) !== FREE) {
    // Held by someone else: sleep until an unlock notifies us. wait() checks that the cell still holds `seen`
    // before it sleeps, so an unlock that happened since the compareExchange is never missed.
    Atomics.wait(cells, index, seen);
  }
}

/** Releases the lock in `cells[index]`, which this thread holds, and wakes one thread waiting for it. */
export function unlock(cells: Int32Array, index: number): void {
  Atomics.store(cells, index, FREE);
  // Free first, then wake: a thread woken before the store would find the lock still held and sleep again.
  Atomics.notify(cells, index, 1);
}

/** Runs `fn` while holding the lock in `cells[index]`, releases it however `fn` ends, and returns what `fn` returns. */
export function withLock<T>(cells: Int32Array, index: number, fn: () => T): T {
  lock(cells, index);
  try {
    return fn();
  } finally {
    unlock(cells, index); // like Python's `with lock:`: an exception must not leave the lock held forever
  }
}

/**
 * Moves `amount` from account `cells[from]` to account `cells[to]` under the lock in `cells[lockIndex]`, and returns
 * true; returns false and changes nothing when `cells[from]` holds less than `amount`.
 */
export function transfer(cells: Int32Array, lockIndex: number, from: number, to: number, amount: number): boolean {
  // Atomics.sub and Atomics.add would keep each cell right, but not the pair: between the two, another thread
  // would see the money gone from one account and not yet in the other, and the balance check could go stale.
  // The lock makes check, take and give one step. Inside it, plain reads and writes are safe: the lock's atomic
  // operations order them between threads.
  return withLock(cells, lockIndex, () => {
    const balance = cells[from]!;
    if (balance < amount) return false;
    cells[from] = balance - amount;
    cells[to] = cells[to]! + amount;
    return true;
  });
}
