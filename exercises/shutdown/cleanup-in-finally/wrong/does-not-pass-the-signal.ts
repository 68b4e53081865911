import type { Opener, Resource } from './support/resources.ts';

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  // Checks the caller's signal itself, but hands the openers and the task a signal that never aborts:
  // a task that waits on its signal is never told to stop.
  const never = new AbortController().signal;
  const opened: Resource[] = [];
  try {
    for (const open of openers) {
      s.throwIfAborted();
      opened.push(await open(never));
    }
    s.throwIfAborted();
    return await task(opened, never);
  } finally {
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  }
}
