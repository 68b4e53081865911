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

/** Reads a log of start and end events and reports how much the tasks overlapped. */
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  // Replay the events in time order. At equal times an end goes first: a task is in flight over [start, end),
  // so one that ends at 5 and one that starts at 5 never overlap (a hand-over, not concurrency).
  // Array.prototype.sort is stable, and we sort a copy: the caller's log stays as it was.
  const replay = [...events].sort((a, b) => a.at - b.at || (a.type === 'end' ? 0 : 1) - (b.type === 'end' ? 0 : 1));
  let inFlight = 0;
  let maxInFlight = 0;
  let peakAt: number | null = null;
  for (const event of replay) {
    if (event.type === 'end') {
      inFlight--;
      continue;
    }
    inFlight++;
    // Strictly greater: a later moment that only equals the peak keeps the earliest peakAt.
    if (inFlight > maxInFlight) {
      maxInFlight = inFlight;
      peakAt = event.at;
    }
  }
  return { maxInFlight, peakAt, mode: maxInFlight >= 2 ? 'concurrent' : 'sequential' };
}
