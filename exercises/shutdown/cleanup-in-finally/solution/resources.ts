import type { Opener, Resource } from './support/resources.ts';

/**
 * Opens the resources one after another, runs `task` with them, then closes each one that was opened exactly
 * once, in reverse order, however the run ends: success, a failing task, a failing opener or an abort.
 */
export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const opened: Resource[] = [];
  // The try starts before the first opener: a failure half-way through opening must release what is open.
  try {
    for (const open of openers) {
      s.throwIfAborted(); // rejects with signal.reason, and the finally still runs
      opened.push(await open(s));
    }
    s.throwIfAborted(); // a resource that arrived after the abort is in `opened` now, so it is closed too
    // `return await`, not `return`: the finally must wait until the task has stopped using the resources.
    return await task(opened, s);
  } finally {
    // Last opened, first closed: later resources may depend on earlier ones (a transaction on a connection).
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  }
}
