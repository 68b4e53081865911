/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

/**
 * The scheduler is itself a generator: it yields each step's name as the step runs. Spreading it is safe, unlike
 * spreading a task, because the scheduler only asks a task for its next step when that task's turn comes.
 */
function* roundRobin(tasks: readonly Task[]): Generator<string, void, undefined> {
  const running = tasks.map((task) => task());
  let turn = 0;
  while (running.length > 0) {
    const step = running[turn]!.next();
    if (step.done) {
      running.splice(turn, 1); // the next task slides into this index, so do not move the cursor
    } else {
      yield step.value;
      turn += 1;
    }
    if (turn >= running.length) turn = 0; // wrap around: a new round begins
  }
}

export function interleave(tasks: readonly Task[]): string[] {
  return [...roundRobin(tasks)];
}
