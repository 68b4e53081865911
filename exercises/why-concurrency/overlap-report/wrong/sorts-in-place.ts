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

// Mistake: sorts the caller's array in place. The answer is right, but the caller's log is reordered behind its
// back, and a frozen log makes sort() throw.
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  const replay = (events as TaskEvent[]).sort(
    (a, b) => a.at - b.at || (a.type === 'end' ? 0 : 1) - (b.type === 'end' ? 0 : 1),
  );
  let inFlight = 0;
  let maxInFlight = 0;
  let peakAt: number | null = null;
  for (const event of replay) {
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
