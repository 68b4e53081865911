/**
 * A bank balance in a slow store, like a row in a database: every read and every write takes 10 ms (a setTimeout,
 * so on the grader's fake clock it is 10 virtual ms). Other code runs while a call is waiting.
 */
export class BalanceStore {
  #balance: number;
  #failNextWrite = false;

  constructor(balance: number) {
    this.#balance = balance;
  }

  /** Resolves after 10 ms with the balance at that moment. */
  async read(): Promise<number> {
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    return this.#balance;
  }

  /** Stores a new balance; resolves after 10 ms, when it has been written. */
  async write(balance: number): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    if (this.#failNextWrite) {
      this.#failNextWrite = false;
      throw new Error('the store is not available');
    }
    this.#balance = balance;
  }

  /** The balance right now, without waiting (for tests). */
  peek(): number {
    return this.#balance;
  }

  /** Makes the next write() reject with an Error (for tests). */
  failNextWrite(): void {
    this.#failNextWrite = true;
  }
}
