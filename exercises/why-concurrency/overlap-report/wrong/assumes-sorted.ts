/** One line of a run's log: task `task` started or ended at virtual time `at`. */
export interface TaskEvent {
  task: string;
  type: 'start' | 'end';
  at: number;
}

export interface OverlapReport {
  /** The most tasks in flight at the same moment (0 for an empty log). */
  maxInFlight: number;
  /** The earliest time at which that many tasks were in flight (null for an empty log). */
  peakAt: number | null;
  /** 'concurrent' if two or more tasks were ever in flight at once, otherwise 'sequential'. */
  mode: 'sequential' | 'concurrent';
}

// Mistake: replays the log in the order it was written, as if it were always sorted by time (ties ends first).
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  let inFlight = 0;
  let maxInFlight = 0;
  let peakAt: number | null = null;
  for (const event of events) {
    if (event.type === 'end') {
      inFlight--;
      continue;
    }
    inFlight++;
    if (inFlight > maxInFlight) {
      maxInFlight = inFlight;
      peakAt = event.at;
    }
  }
  return { maxInFlight, peakAt, mode: maxInFlight >= 2 ? 'concurrent' : 'sequential' };
}
