/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

// Mistake: runs every task to the end first to collect its steps, then merges the lists round-robin. The trace
// looks interleaved, but the work itself ran one task after another.
export function interleave(tasks: readonly Task[]): string[] {
  const lists = tasks.map((task) => [...task()]);
  const trace: string[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let round = 0; round < longest; round++) {
    for (const list of lists) {
      const step = list[round];
      if (step !== undefined) trace.push(step);
    }
  }
  return trace;
}
