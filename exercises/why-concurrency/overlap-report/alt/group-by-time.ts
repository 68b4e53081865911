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

/**
 * Walks the distinct times in order instead of sorting the events with a comparator. At each time, the tasks that
 * end leave first and then the tasks that start join: that is the [start, end) rule, so a hand-over never counts
 * as an overlap.
 */
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  const byTime = new Map<number, { ends: number; starts: number }>();
  for (const event of events) {
    const slot = byTime.get(event.at) ?? { ends: 0, starts: 0 };
    if (event.type === 'end') slot.ends += 1;
    else slot.starts += 1;
    byTime.set(event.at, slot);
  }
  let inFlight = 0;
  let maxInFlight = 0;
  let peakAt: number | null = null;
  // [...keys()] is a new array: the caller's log is only read, never sorted in place.
  for (const at of [...byTime.keys()].sort((a, b) => a - b)) {
    const { ends, starts } = byTime.get(at)!;
    inFlight = inFlight - ends + starts;
    if (inFlight > maxInFlight) {
      maxInFlight = inFlight;
      peakAt = at;
    }
  }
  return { maxInFlight, peakAt, mode: maxInFlight >= 2 ? 'concurrent' : 'sequential' };
}
