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
 * Reads a log of start and end events and reports how much the tasks overlapped. A task is in flight from its
 * start up to, but not including, its end: at equal times, ends count before starts. Events may come in any order.
 *
 * @example
 *   overlapReport([
 *     { task: 'a', type: 'start', at: 0 },
 *     { task: 'b', type: 'start', at: 1 },
 *     { task: 'a', type: 'end', at: 3 },
 *     { task: 'b', type: 'end', at: 4 },
 *   ]); // { maxInFlight: 2, peakAt: 1, mode: 'concurrent' }
 */
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  throw new Error(`TODO: replay the ${events.length} events in time order and count the tasks in flight`);
}
