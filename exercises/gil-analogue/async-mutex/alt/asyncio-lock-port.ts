import type { BalanceStore } from './support/balance-store.ts';

/**
 * A line-by-line port of Python's asyncio.Lock: a `locked` flag and a queue of waiters. release() marks the lock free
 * and wakes the first waiter; that waiter takes the lock when it resumes. A newcomer cannot slip in meanwhile,
 * because acquire() queues whenever anyone is waiting, not only when the flag says locked.
 */
export class Mutex {
  #locked = false;
  /** One pending wake-up per waiting caller, oldest first (asyncio.Lock's `_waiters` deque of futures). */
  readonly #waiters: { wake: () => void; woken: boolean }[] = [];

  get locked(): boolean {
    return this.#locked;
  }

  async acquire(): Promise<() => void> {
    // asyncio: `if not self._locked and not self._waiters: self._locked = True; return True`
    if (!this.#locked && this.#waiters.length === 0) {
      this.#locked = true;
      return this.#releaser();
    }
    const waiter = { wake: () => {}, woken: false };
    const woken = new Promise<void>((resolve) => (waiter.wake = resolve));
    this.#waiters.push(waiter);
    try {
      await woken;
    } finally {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
    }
    this.#locked = true;
    return this.#releaser();
  }

  async runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return; // asyncio raises on a second release; here a second call is a no-op
      released = true;
      this.#locked = false;
      this.#wakeUpFirst();
    };
  }

  /** asyncio's `_wake_up_first`: wake the oldest waiter, unless it has already been woken and not yet resumed. */
  #wakeUpFirst(): void {
    const first = this.#waiters[0];
    if (first && !first.woken) {
      first.woken = true;
      first.wake();
    }
  }
}

/** A wallet whose balance lives in a slow BalanceStore. */
export class Wallet {
  readonly #store: BalanceStore;
  readonly #mutex = new Mutex();

  constructor(store: BalanceStore) {
    this.#store = store;
  }

  withdraw(amount: number): Promise<boolean> {
    return this.#mutex.runExclusive(async () => {
      const balance = await this.#store.read();
      if (balance < amount) return false;
      await this.#store.write(balance - amount);
      return true;
    });
  }
}
