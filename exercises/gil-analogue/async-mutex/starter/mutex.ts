import type { BalanceStore } from './support/balance-store.ts';

/**
 * A lock for async code, like Python's asyncio.Lock: one holder at a time; the others wait in a queue and get the
 * lock in the order they asked for it.
 */
export class Mutex {
  /** True while someone holds the lock. (While it is being handed to the next waiter, either answer is fine.) */
  get locked(): boolean {
    throw new Error('TODO: say whether the lock is held');
  }

  /**
   * Waits until the lock is yours, then resolves with a `release` function. Calling `release` a second time does
   * nothing.
   *
   * @example
   *   const release = await mutex.acquire();
   *   try { ... } finally { release(); }
   */
  acquire(): Promise<() => void> {
    throw new Error('TODO: grant the lock now, or queue the caller');
  }

  /** Runs `fn` while holding the lock, releases it however `fn` ends, and settles like `fn` did. */
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    throw new Error('TODO: acquire, run fn, release in every case');
  }
}

/** A wallet whose balance lives in a slow BalanceStore. */
export class Wallet {
  constructor(store: BalanceStore) {}

  /**
   * Takes `amount` out of the balance if there is enough, and resolves with true; resolves with false and changes
   * nothing when the balance is too low. Safe when several withdrawals run at once.
   */
  withdraw(amount: number): Promise<boolean> {
    throw new Error('TODO: read, check and write the balance under a lock');
  }
}
