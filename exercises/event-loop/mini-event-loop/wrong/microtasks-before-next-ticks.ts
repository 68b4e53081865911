type Callback = () => void;

interface Timer {
  due: number;
  callback: Callback;
}

/** Runs every job in `queue`, including jobs added to it while it runs. */
function runAll(queue: Callback[]): void {
  let job: Callback | undefined;
  while ((job = queue.shift()) !== undefined) job();
}

/** A simulation of Node's event loop on a virtual clock. Nothing here waits for real time. */
export class MiniLoop {
  #now = 0;
  #nextId = 1;
  // A Map iterates in insertion order, which is creation order: that breaks ties between equal due times.
  #timers = new Map<number, Timer>();
  #immediates: Callback[] = [];
  #ticks: Callback[] = [];
  #microtasks: Callback[] = [];

  /** Virtual time in ms, starting at 0. */
  get now(): number {
    return this.#now;
  }

  /** Pretends the calling code is busy for `ms` milliseconds: the clock moves on, nothing else runs. */
  busy(ms: number): void {
    this.#now += Math.max(0, ms);
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.#nextId++;
    // As in Node, a delay under 1 ms becomes 1 ms, so a new timer is never due in the timers phase that made it.
    const delay = delayMs >= 1 ? delayMs : 1;
    this.#timers.set(id, { due: this.#now + delay, callback });
    return id;
  }

  clearTimeout(id: number): void {
    this.#timers.delete(id);
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

  /** Runs until no work is left. */
  run(): void {
    // The code that called run() plays the main script: its ticks and microtasks go first.
    this.#drainJobs();
    while (this.#timers.size > 0 || this.#immediates.length > 0) {
      this.#timersPhase();
      this.#checkPhase();
      // Waiting only happens when there is nothing to do right now.
      const next = this.#earliestTimer();
      if (this.#immediates.length === 0 && next) this.#now = Math.max(this.#now, next[1].due);
    }
  }

  /** All microtasks, then all nextTicks; again while a nextTick queued a microtask. */
  #drainJobs(): void {
    while (this.#ticks.length > 0 || this.#microtasks.length > 0) {
      runAll(this.#microtasks);
      runAll(this.#ticks);
    }
  }

  #earliestTimer(): [number, Timer] | undefined {
    let best: [number, Timer] | undefined;
    // Strict < keeps the first-created timer among those with the same due time.
    for (const entry of this.#timers) if (!best || entry[1].due < best[1].due) best = entry;
    return best;
  }

  #timersPhase(): void {
    // Only timers due when the phase began; a callback that is busy does not pull later timers into this phase.
    const phaseStart = this.#now;
    for (;;) {
      const next = this.#earliestTimer();
      if (!next || next[1].due > phaseStart) return;
      this.#timers.delete(next[0]);
      next[1].callback();
      this.#drainJobs();
    }
  }

  #checkPhase(): void {
    // Take the batch queued so far; immediates queued while it runs land in a fresh queue for the next iteration.
    const batch = this.#immediates;
    this.#immediates = [];
    for (const callback of batch) {
      callback();
      this.#drainJobs();
    }
  }
}
