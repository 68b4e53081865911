// A lock for worker threads, kept in one cell of a shared Int32Array, with three states (Ulrich Drepper, "Futexes
// Are Tricky"): 0 = free, 1 = held, 2 = held and a thread may be asleep waiting for it. An uncontended lock and
// unlock cost one atomic operation each, and unlock calls Atomics.notify only when someone may be asleep.
//
// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;

/** Takes the lock in `cells[index]`: returns once this thread holds it, sleeping (not spinning) while another does. */
export function lock(cells: Int32Array, index: number): void {
  let seen = Atomics.compareExchange(cells, index, FREE, HELD);
  if (seen === FREE) return; // fast path: it was free, and nobody needs to know
  // Announce that a thread is about to sleep, so that the holder's unlock will notify. exchange also tells us
  // whether the lock happened to be freed meanwhile (then it returns FREE and the lock is ours, marked CONTENDED).
  if (seen !== CONTENDED) seen = Atomics.exchange(cells, index, CONTENDED);
  while (seen !== FREE) {
    Atomics.wait(cells, index, CONTENDED);
    seen = Atomics.exchange(cells, index, CONTENDED);
  }
}

/** Releases the lock in `cells[index]`, which this thread holds, and wakes one waiter if any may be asleep. */
export function unlock(cells: Int32Array, index: number): void {
  if (Atomics.sub(cells, index, 1) !== HELD) {
    // It was CONTENDED: free it, then wake one sleeper.
    Atomics.store(cells, index, FREE);
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
