// The design of asyncio's BaseEventLoop: timers live in a binary min-heap ordered by (due time, creation order),
// and clearTimeout only marks a timer cancelled; cancelled timers are thrown away when they reach the top of the
// heap (asyncio's TimerHandle.cancel() works the same way). The queues are arrays read through a head index, so
// taking the next job costs O(1) instead of shift()'s O(n).

type Callback = () => void;

interface Timer {
  id: number;
  due: number;
  callback: Callback;
  cancelled: boolean;
}

/** True when timer `a` must run before timer `b`: earlier due time, then the one created first. */
const before = (a: Timer, b: Timer): boolean => a.due < b.due || (a.due === b.due && a.id < b.id);

/** A first-in, first-out queue of callbacks that can be drained while it grows. */
class JobQueue {
  #items: Callback[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(callback: Callback): void {
    this.#items.push(callback);
  }

  /** Runs every job, including the ones pushed while it runs. */
  drain(): void {
    while (this.#head < this.#items.length) {
      const job = this.#items[this.#head]!;
      this.#head += 1;
      job();
    }
    this.#items = [];
    this.#head = 0;
  }
}

export class MiniLoop {
  #now = 0;
  #nextId = 1;
  #heap: Timer[] = [];
  // Timers that are still pending, by id: what clearTimeout may cancel and what keeps run() going.
  #pending = new Map<number, Timer>();
  #immediates: Callback[] = [];
  #ticks = new JobQueue();
  #microtasks = new JobQueue();

  get now(): number {
    return this.#now;
  }

  busy(ms: number): void {
    this.#now += Math.max(0, ms);
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const timer: Timer = { id: this.#nextId++, due: this.#now + Math.max(1, delayMs), callback, cancelled: false };
    this.#pending.set(timer.id, timer);
    this.#push(timer);
    return timer.id;
  }

  clearTimeout(id: number): void {
    const timer = this.#pending.get(id);
    if (!timer) return; // unknown, or already started
    timer.cancelled = true;
    this.#pending.delete(id);
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
    while (this.#pending.size > 0 || this.#immediates.length > 0) {
      this.#timersPhase();
      this.#checkPhase();
      const next = this.#peek();
      if (this.#immediates.length === 0 && next) this.#now = Math.max(this.#now, next.due);
    }
  }

  /** All nextTicks, then all microtasks; again while a microtask queued a nextTick. */
  #drainJobs(): void {
    while (this.#ticks.size > 0 || this.#microtasks.size > 0) {
      this.#ticks.drain();
      this.#microtasks.drain();
    }
  }

  #timersPhase(): void {
    const phaseStart = this.#now;
    for (let next = this.#peek(); next && next.due <= phaseStart; next = this.#peek()) {
      this.#pop();
      this.#pending.delete(next.id);
      next.callback();
      this.#drainJobs();
    }
  }

  #checkPhase(): void {
    // Immediates queued while this batch runs go into the fresh array and wait for the next iteration.
    const batch = this.#immediates;
    this.#immediates = [];
    for (const callback of batch) {
      callback();
      this.#drainJobs();
    }
  }

  /** The earliest timer that is still pending; cancelled ones at the top are discarded on the way. */
  #peek(): Timer | undefined {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#pop();
    return this.#heap[0];
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
