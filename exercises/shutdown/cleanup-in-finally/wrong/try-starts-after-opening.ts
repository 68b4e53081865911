import type { Opener, Resource } from './support/resources.ts';

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const opened: Resource[] = [];
  // An opener that fails (or an abort while opening) leaves the earlier resources open for ever.
  for (const open of openers) {
    s.throwIfAborted();
    opened.push(await open(s));
  }
  try {
    s.throwIfAborted();
    return await task(opened, s);
  } finally {
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  }
}
