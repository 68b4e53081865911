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
 * Starts a heartbeat that reports beats more than `thresholdMs` late. Instead of remembering when the previous beat
 * ran, it remembers when the next one is due: `intervalMs` after the previous beat, which is where Node schedules it.
 */
export function startHeartbeat(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void): Heartbeat {
  let beats = 0;
  let due = performance.now() + intervalMs;
  let stopped = false;

  const timer = setInterval(() => {
    const now = performance.now();
    beats += 1;
    const lateMs = now - due;
    due = now + intervalMs; // the next beat is due one interval after this one actually ran
    if (lateMs > thresholdMs) onLate({ beat: beats, lateMs });
  }, intervalMs).unref(); // unref() returns the timer itself

  return {
    get beats() {
      return beats;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
    },
  };
}
