import type { Opener, Resource } from './support/resources.ts';

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  s.throwIfAborted();
  const opened: Resource[] = [];
  for (const open of openers) {
    s.throwIfAborted();
    opened.push(await open(s));
  }
  s.throwIfAborted();
  // Any error above or in the task skips the closing entirely.
  const result = await task(opened, s);
  for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  return result;
}
