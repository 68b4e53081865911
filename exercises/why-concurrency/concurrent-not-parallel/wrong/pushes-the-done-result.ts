/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

// Mistake: pushes the value of every next() call, including the last one that only says done: true, so each task
// adds an undefined to the trace when it finishes.
export function interleave(tasks: readonly Task[]): string[] {
  const ready = tasks.map((task) => task());
  const trace: string[] = [];
  while (ready.length > 0) {
    const running = ready.shift()!;
    const step = running.next();
    trace.push(step.value as string);
    if (!step.done) ready.push(running);
  }
  return trace;
}
