import type { Opener, Resource } from './support/resources.ts';

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const opened: Resource[] = [];
  const closeAll = () => {
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  };
  try {
    for (const open of openers) {
      s.throwIfAborted();
      opened.push(await open(s));
    }
    s.throwIfAborted();
    return await task(opened, s);
  } catch (error) {
    closeAll(); // closes on failure...
    throw error;
  } finally {
    closeAll(); // ...and again here, because finally runs after catch too
  }
}
