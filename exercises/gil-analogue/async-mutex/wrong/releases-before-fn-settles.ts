import type { BalanceStore } from './support/balance-store.ts';

/**
 * A lock for async code, like Python's asyncio.Lock: one holder at a time; the others wait in a queue and get the
 * lock in the order they asked for it.
 */
export class Mutex {
  #locked = false;
  /** One grant function per waiting caller, oldest first. */
  readonly #waiters: (() => void)[] = [];

  /** True while someone holds the lock (including while it is being handed to the next waiter). */
  get locked(): boolean {
    return this.#locked;
  }

  /** Waits until the lock is yours, then resolves with a `release` function. Calling it twice does nothing. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => resolve(this.#releaser());
      // Checking and taking the lock happen in the same synchronous step: no other code can run in between.
      if (!this.#locked) {
        this.#locked = true;
        grant();
      } else {
        this.#waiters.push(grant);
      }
    });
  }

  /** Runs `fn` while holding the lock, releases it however `fn` ends, and settles like `fn` did. */
  async runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return fn(); // the promise is returned at once, so finally releases before an async fn has settled
    } finally {
      release(); // like `async with lock:` in Python: released on return, throw and rejection alike
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return; // a second call must not release the lock a later holder now owns
      released = true;
      const next = this.#waiters.shift();
      // Hand the lock straight to the oldest waiter without unlocking in between: a caller that arrives now finds
      // it still locked and queues up behind, instead of slipping in before the waiter wakes up.
      if (next) next();
      else this.#locked = false;
    };
  }
}

/** A wallet whose balance lives in a slow BalanceStore. */
export class Wallet {
  readonly #store: BalanceStore;
  readonly #mutex = new Mutex();

  constructor(store: BalanceStore) {
    this.#store = store;
  }

  /** Takes `amount` out if there is enough (true), or changes nothing (false). Safe when calls overlap. */
  withdraw(amount: number): Promise<boolean> {
    // Check-then-act across awaits: without the lock, two withdrawals could both read the old balance, both pass
    // the check and both write, and the money is spent twice.
    return this.#mutex.runExclusive(async () => {
      const balance = await this.#store.read();
      if (balance < amount) return false;
      await this.#store.write(balance - amount);
      return true;
    });
  }
}
