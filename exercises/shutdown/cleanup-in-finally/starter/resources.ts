import type { Opener, Resource } from './support/resources.ts';

/**
 * Opens the resources one after another, runs `task` with them, then closes each one that was opened exactly
 * once, in reverse order, however the run ends: success, a failing task, a failing opener or an abort.
 *
 * @example
 *   await withResources([openDb, openFile], async ([db, file], signal) => copy(db, file, signal), signal);
 */
export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  throw new Error('TODO: open the resources, run the task, and close them all in a finally block');
}
