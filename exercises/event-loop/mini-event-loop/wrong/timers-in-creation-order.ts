type Callback = () => void;

interface Timer {
  id: number;
  due: number;
  callback: Callback;
}

function runAll(queue: Callback[]): void {
  let job: Callback | undefined;
  while ((job = queue.shift()) !== undefined) job();
}

export class MiniLoop {
  #now = 0;
  #nextId = 1;
  // A FIFO queue of timers: the first one set is the first one to run.
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
    const id = this.#nextId++;
    this.#timers.push({ id, due: this.#now + Math.max(1, delayMs), callback });
    return id;
  }

  clearTimeout(id: number): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== id);
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
      this.#timersPhase();
      this.#checkPhase();
      // Wait for the timer at the head of the queue.
      const head = this.#timers[0];
      if (this.#immediates.length === 0 && head) this.#now = Math.max(this.#now, head.due);
    }
  }

  #drainJobs(): void {
    while (this.#ticks.length > 0 || this.#microtasks.length > 0) {
      runAll(this.#ticks);
      runAll(this.#microtasks);
    }
  }

  #timersPhase(): void {
    const phaseStart = this.#now;
    // Walk the queue in order and run whatever is due.
    for (const timer of [...this.#timers]) {
      if (timer.due > phaseStart || !this.#timers.includes(timer)) continue;
      this.#timers = this.#timers.filter((t) => t !== timer);
      timer.callback();
      this.#drainJobs();
    }
  }

  #checkPhase(): void {
    const batch = this.#immediates;
    this.#immediates = [];
    for (const callback of batch) {
      callback();
      this.#drainJobs();
    }
  }
}
