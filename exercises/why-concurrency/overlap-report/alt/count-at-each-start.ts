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
 * No replay at all: pair each task's start and end into an interval, then, at every moment a task starts, count
 * the intervals [start, end) that contain that moment. The count can only go up at a start, so the peak is one of
 * these moments. Quadratic, which is fine for logs of a few thousand events.
 */
export function overlapReport(events: readonly TaskEvent[]): OverlapReport {
  const spans = new Map<string, { start: number; end: number }>();
  for (const { task, type, at } of events) {
    const span = spans.get(task) ?? { start: 0, end: 0 };
    if (type === 'start') span.start = at;
    else span.end = at;
    spans.set(task, span);
  }
  let maxInFlight = 0;
  let peakAt: number | null = null;
  for (const { start: moment } of spans.values()) {
    let inFlight = 0;
    for (const { start, end } of spans.values()) if (start <= moment && moment < end) inFlight += 1;
    // The earliest moment wins a tie, whatever order the tasks were listed in.
    if (inFlight > maxInFlight || (inFlight === maxInFlight && peakAt !== null && moment < peakAt)) {
      maxInFlight = inFlight;
      peakAt = moment;
    }
  }
  return { maxInFlight, peakAt, mode: maxInFlight >= 2 ? 'concurrent' : 'sequential' };
}
