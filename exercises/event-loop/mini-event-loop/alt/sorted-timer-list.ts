// Timers in one array kept sorted by due time: setTimeout inserts a new timer after every timer due at the same
// time or earlier, so among equal due times creation order is kept, and the timers phase only ever looks at the
// front of the array. The two job queues are drained by one function that always takes the next job from the
// right queue, instead of two nested loops.

type Callback = () => void;

interface Timer {
  id: number;
  due: number;
  callback: Callback;
}

export class MiniLoop {
  #now = 0;
  #nextId = 1;
  /** Pending timers, sorted by due time, then creation order. */
  #timers: Timer[] = [];
  #immediates: Callback[] = [];
  #ticks: Callback[] = [];
  #microtasks: Callback[] = [];

  get now(): number {
    return this.#now;
  }

  busy(ms: number): void {
    this.#now += Math.max(0, ms);
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const timer: Timer = { id: this.#nextId++, due: this.#now + (delayMs >= 1 ? delayMs : 1), callback };
    // The first timer due strictly later; the new one goes just before it (or at the end).
    const at = this.#timers.findIndex((t) => t.due > timer.due);
    if (at === -1) this.#timers.push(timer);
    else this.#timers.splice(at, 0, timer);
    return timer.id;
  }

  clearTimeout(id: number): void {
    const at = this.#timers.findIndex((t) => t.id === id);
    // findIndex gives -1 for an unknown id, and splice(-1, 1) would remove the last timer.
    if (at !== -1) this.#timers.splice(at, 1);
  }

  setImmediate(callback: () => void): void {
    this.#immediates.push(callback);
  }

  queueMicrotask(callback: () => void): void {
    this.#microtasks.push(callback);
  }

  nextTick(callback: () => void): void {
    this.#ticks.push(callback);
  }

  run(): void {
    this.#drainJobs();
    while (this.#timers.length > 0 || this.#immediates.length > 0) {
      // Timers phase: only the timers due when it began; the array's front is always the next one to run.
      const phaseStart = this.#now;
      while (this.#timers.length > 0 && this.#timers[0]!.due <= phaseStart) {
        this.#timers.shift()!.callback();
        this.#drainJobs();
      }
      // Check phase: the immediates queued before it began.
      for (const callback of this.#immediates.splice(0)) {
        callback();
        this.#drainJobs();
      }
      const next = this.#timers[0];
      if (this.#immediates.length === 0 && next) this.#now = Math.max(this.#now, next.due);
    }
  }

  /**
   * One job at a time: a nextTick whenever one is waiting, otherwise a microtask, except that once microtasks
   * are running they go on until their queue is empty (a nextTick queued by a microtask waits for all of them).
   */
  #drainJobs(): void {
    let runningMicrotasks = false;
    for (;;) {
      if (runningMicrotasks && this.#microtasks.length > 0) {
        this.#microtasks.shift()!();
      } else if (this.#ticks.length > 0) {
        runningMicrotasks = false;
        this.#ticks.shift()!();
      } else if (this.#microtasks.length > 0) {
        runningMicrotasks = true;
        this.#microtasks.shift()!();
      } else {
        return;
      }
    }
  }
}
