/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

// Mistake: removes a finished task with splice inside an index loop, so the task that slides into its place is
// skipped for the rest of that round.
export function interleave(tasks: readonly Task[]): string[] {
  const running = tasks.map((task) => task());
  const trace: string[] = [];
  while (running.length > 0) {
    for (let i = 0; i < running.length; i++) {
      const step = running[i]!.next();
      if (step.done) running.splice(i, 1);
      else trace.push(step.value);
    }
  }
  return trace;
}
