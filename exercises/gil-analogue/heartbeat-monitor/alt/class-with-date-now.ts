/** One beat that arrived later than it should have. */
export interface LateBeat {
  /** Which beat it was: 1 for the first beat, 2 for the second, ... */
  beat: number;
  /** How many milliseconds later than `intervalMs` after the previous beat it came. */
  lateMs: number;
}

/** What startHeartbeat returns. */
export interface Heartbeat {
  /** How many beats have run so far. */
  readonly beats: number;
  /** Stops the heartbeat for good: no more beats, no timer left behind. Calling it again does nothing. */
  stop(): void;
}

/** A heartbeat as a class: the state lives in private fields instead of a closure. It reads the clock with Date.now(). */
class HeartbeatMonitor implements Heartbeat {
  #beats = 0;
  #previous = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #intervalMs: number;
  readonly #thresholdMs: number;
  readonly #onLate: (late: LateBeat) => void;

  constructor(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void) {
    this.#intervalMs = intervalMs;
    this.#thresholdMs = thresholdMs;
    this.#onLate = onLate;
    this.#timer = setInterval(() => this.#beat(), intervalMs);
    this.#timer.unref(); // a watchdog must not keep the process alive on its own
  }

  get beats(): number {
    return this.#beats;
  }

  stop(): void {
    if (this.#timer === undefined) return; // stopped already
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #beat(): void {
    const now = Date.now();
    this.#beats += 1;
    // From the previous beat: after a stall Node re-arms the interval from the late run, so only one beat is late.
    const lateMs = now - this.#previous - this.#intervalMs;
    this.#previous = now;
    if (lateMs > this.#thresholdMs) this.#onLate({ beat: this.#beats, lateMs });
  }
}

/** Starts a heartbeat that reports beats more than `thresholdMs` late. */
export function startHeartbeat(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void): Heartbeat {
  return new HeartbeatMonitor(intervalMs, thresholdMs, onLate);
}
