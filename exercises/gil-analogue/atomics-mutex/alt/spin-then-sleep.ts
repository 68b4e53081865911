// A lock for worker threads, kept in one cell of a shared Int32Array: 0 = free, 1 = held. It spins a little before
// it sleeps: a lock is usually held only for a few instructions, and a short spin often gets it without the cost of
// going to sleep and being woken.
//
// This file also runs inside worker threads, where it is loaded as plain JavaScript: import nothing but `node:`
// modules here (you need none).

const FREE = 0;
const HELD = 1;
const SPINS = 20;

// Node 24 has Atomics.pause(), a hint to the CPU that this thread is spinning; Node 20 does not, so call it if it
// is there. (TypeScript's library may not know it yet, hence the cast.)
const pause = (Atomics as unknown as { pause?: () => void }).pause?.bind(Atomics) ?? (() => {});

/** Takes the lock in `cells[index]`: returns once this thread holds it, sleeping (after a short spin) while another does. */
export function lock(cells: Int32Array, index: number): void {
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.compareExchange(cells, index, FREE, HELD) === FREE) return;
    pause();
  }
  // Still held: stop burning the core and sleep until an unlock notifies us.
  let seen: number;
  while ((seen = Atomics.compareExchange(cells, index, FREE, HELD)) !== FREE) Atomics.wait(cells, index, seen);
}

/** Releases the lock in `cells[index]`, which this thread holds, and wakes one thread waiting for it. */
export function unlock(cells: Int32Array, index: number): void {
  Atomics.store(cells, index, FREE);
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
