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

/**
 * Starts a heartbeat: a timer that beats every `intervalMs`. Each beat measures how late it came, counted from
 * the previous beat (or from the start, for the first beat), and calls `onLate` when it was more than
 * `thresholdMs` late. The timer is unref'd, so the heartbeat alone never keeps the process running.
 */
export function startHeartbeat(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void): Heartbeat {
  let beats = 0;
  let previous = performance.now();

  const timer = setInterval(() => {
    const now = performance.now();
    beats += 1;
    // A timer cannot fire while other code holds the thread, so a beat is late by about as long as the loop was
    // blocked. Measure from the previous beat, not from the start: Node schedules the next run of an interval
    // from the moment its callback ran, so after one stall the later beats are on time again.
    const lateMs = now - previous - intervalMs;
    previous = now;
    if (lateMs > thresholdMs) onLate({ beat: beats, lateMs });
  }, intervalMs);
  // A monitor should watch the process, not keep it alive: an unref'd timer does not stop Node from exiting.
  timer.unref();

  return {
    get beats() {
      return beats;
    },
    stop() {
      clearInterval(timer); // clearing twice is harmless
    },
  };
}
