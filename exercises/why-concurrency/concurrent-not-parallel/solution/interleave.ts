/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

/**
 * Runs the tasks cooperatively on one thread: one step of each unfinished task per round, in the order given,
 * dropping each task as soon as it finishes. Returns the names of the steps in the order they ran.
 */
export function interleave(tasks: readonly Task[]): string[] {
  // The run queue: calling a generator function only creates the generator; no step has run yet.
  const ready = tasks.map((task) => task());
  const trace: string[] = [];
  while (ready.length > 0) {
    // Take the task at the front and run it up to its next yield: it cannot be interrupted, it gives the thread
    // back (cooperative multitasking, like an await in an async function).
    const running = ready.shift()!;
    const step = running.next();
    if (step.done) continue; // finished: it simply does not go back in the queue
    trace.push(step.value);
    ready.push(running); // back of the queue: everyone else gets a step first
  }
  return trace;
}
