import type { BalanceStore } from './support/balance-store.ts';

/**
 * The lesson's promise-chain lock, grown into the full interface: every caller waits for the promise of the caller
 * before it, so callers get the lock one at a time, in call order, without any explicit queue.
 */
export class Mutex {
  /** Settles when the last caller in line has released the lock. */
  #tail: Promise<void> = Promise.resolve();
  /** Callers that hold the lock or are in line for it. */
  #inLine = 0;

  get locked(): boolean {
    return this.#inLine > 0;
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released); // the next caller waits for this one's release
    this.#inLine += 1;
    let done = false;
    const releaseOnce = () => {
      if (done) return; // a second call must not let in someone else's turn
      done = true;
      this.#inLine -= 1;
      release();
    };
    // Our turn comes when everyone before us has released.
    return previous.then(() => releaseOnce);
  }

  async runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
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
