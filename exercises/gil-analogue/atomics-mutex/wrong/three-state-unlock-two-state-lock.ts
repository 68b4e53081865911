// A lock for worker threads, kept in one cell of a shared Int32Array: 0 = free, 1 = held, 2 = held with a waiter.
//
// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

/** Takes the lock in `cells[index]`: returns once this thread holds it, sleeping (not spinning) while another does. */
export function lock(cells: Int32Array, index: number): void {
  let seen: number;
  while ((seen = Atomics.compareExchange(cells, index, 0, 1)) !== 0) {
    Atomics.wait(cells, index, seen); // sleeps on 1 without announcing itself with a 2
  }
}

/** Releases the lock, and skips the wake-up call when nobody is waiting (the three-state trick). */
export function unlock(cells: Int32Array, index: number): void {
  if (Atomics.sub(cells, index, 1) !== 1) {
    // it was 2: someone may be asleep
    Atomics.store(cells, index, 0);
    Atomics.notify(cells, index, 1);
  }
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
