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
 *
 * @example
 *   const heartbeat = startHeartbeat(100, 50, ({ beat, lateMs }) => console.warn(`beat ${beat}: ${lateMs} ms late`));
 *   // ... later
 *   heartbeat.stop();
 */
export function startHeartbeat(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void): Heartbeat {
  throw new Error('TODO: start a setInterval heartbeat that reports late beats');
}
