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

// Mistake: counts every start but never takes a task off when it ends, so the "peak" is the number of tasks.
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  const replay = [...events].sort((a, b) => a.at - b.at);
  let started = 0;
  let peakAt: number | null = null;
  for (const event of replay) {
    if (event.type === 'start') {
      started++;
      peakAt = event.at;
    }
  }
  return { maxInFlight: started, peakAt, mode: started >= 2 ? 'concurrent' : 'sequential' };
}
