/**
 * A simulation of Node's event loop on a virtual clock. Nothing here waits for real time: `run()` calls the
 * callbacks itself, in the order Node would, and moves `now` forward when it would otherwise have to wait.
 */
export class MiniLoop {
  /** Virtual time in ms, starting at 0. */
  get now(): number {
    throw new Error('TODO: return the virtual time (0 at the start)');
  }

  /** Pretends the calling code is busy for `ms` milliseconds: `now` moves forward by `ms`, nothing else runs. */
  busy(ms: number): void {
    throw new Error('TODO: move the virtual clock forward by ms');
  }

  /** Schedules `callback` for `now + delayMs` (a delay under 1 counts as 1) and returns an id for clearTimeout. */
  setTimeout(callback: () => void, delayMs: number): number {
    throw new Error('TODO: remember the timer and its due time, return a new id');
  }

  /** Cancels a pending timer; an unknown id, or the id of a timer that already ran, does nothing. */
  clearTimeout(id: number): void {
    throw new Error('TODO: forget the timer with this id, if it is still pending');
  }

  /** Queues `callback` for the check phase. */
  setImmediate(callback: () => void): void {
    throw new Error('TODO: queue the immediate');
  }

  /** Queues `callback` on the microtask queue (where promise reactions go). */
  queueMicrotask(callback: () => void): void {
    throw new Error('TODO: queue the microtask');
  }

  /** Queues `callback` on the nextTick queue, which is drained before the microtask queue. */
  nextTick(callback: () => void): void {
    throw new Error('TODO: queue the tick');
  }

  /** Runs until no work is left: first the job queues, then loop iterations (timers phase, check phase). */
  run(): void {
    throw new Error('TODO: drain the job queues, then run loop iterations until nothing is pending');
  }
}
