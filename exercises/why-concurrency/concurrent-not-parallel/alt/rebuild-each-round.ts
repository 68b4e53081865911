/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

/**
 * Round by round: every unfinished generator takes one step, and the ones still running make up the next round.
 * Building a new array avoids removing elements from the array being looped over.
 */
export function interleave(tasks: readonly Task[]): string[] {
  let round = tasks.map((task) => task()); // creating a generator runs none of its code
  const trace: string[] = [];
  while (round.length > 0) {
    const stillRunning: Generator<string, void, undefined>[] = [];
    for (const gen of round) {
      const step = gen.next(); // one step: the task runs up to its next yield and hands the thread back
      if (step.done) continue; // finished: not in the next round
      trace.push(step.value);
      stillRunning.push(gen);
    }
    round = stillRunning;
  }
  return trace;
}
