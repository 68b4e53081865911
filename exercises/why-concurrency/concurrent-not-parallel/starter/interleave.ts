/**
 * A task for the scheduler: a generator function. Calling it runs nothing yet; every `yield` ends one step, names
 * it, and hands the thread back to the scheduler.
 */
export type Task = () => Generator<string, void, undefined>;

/**
 * Runs the tasks cooperatively on one thread: one step of each unfinished task per round, in the order given,
 * dropping each task as soon as it finishes. Returns the names of the steps in the order they ran.
 *
 * @example
 *   function* a() { yield 'a1'; yield 'a2'; }
 *   function* b() { yield 'b1'; yield 'b2'; yield 'b3'; }
 *   interleave([a, b]); // ['a1', 'b1', 'a2', 'b2', 'b3']
 */
export function interleave(tasks: readonly Task[]): string[] {
  throw new Error(`TODO: start the ${tasks.length} generators, then step them round-robin until all are done`);
}
