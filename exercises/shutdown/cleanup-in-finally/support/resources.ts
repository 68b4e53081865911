/**
 * A fake resource for the exercise: something that must be closed, like a file handle, a database connection or
 * a lock. It writes what happens to it into a shared log, so the order of opening, work and closing can be read
 * afterwards.
 */
export class Resource {
  readonly name: string;
  /** How many times close() was called; exactly 1 is right. */
  closeCount = 0;
  private readonly log: string[];

  constructor(name: string, log: string[]) {
    this.name = name;
    this.log = log;
    log.push(`open ${name}`);
  }

  get closed(): boolean {
    return this.closeCount > 0;
  }

  /** Releases the resource. Calling it a second time is a bug, and is logged as one. */
  close(): void {
    this.closeCount++;
    this.log.push(this.closeCount === 1 ? `close ${this.name}` : `close ${this.name} AGAIN`);
  }
}

/** Opens a resource; it receives the run's signal, like any abortable operation. */
export type Opener = (signal: AbortSignal) => Promise<Resource>;
