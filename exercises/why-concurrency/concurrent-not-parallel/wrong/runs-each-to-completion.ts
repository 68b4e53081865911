/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

// Mistake: runs each task from start to end before starting the next: correct results, but sequential.
export function interleave(tasks: readonly Task[]): string[] {
  const trace: string[] = [];
  for (const task of tasks) {
    for (const step of task()) trace.push(step);
  }
  return trace;
}
