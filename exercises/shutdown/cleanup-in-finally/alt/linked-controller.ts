import type { Opener, Resource } from './support/resources.ts';

/**
 * Like asyncio's TaskGroup, the run owns a signal of its own: it aborts when the caller's does, and also when the
 * run ends, so anything the openers or the task left running in the background with it is told to stop.
 * AbortSignal.any links the two without leaving a listener on the caller's signal.
 */
export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const run = new AbortController();
  const s = signal ? AbortSignal.any([signal, run.signal]) : run.signal;
  const opened: Resource[] = [];
  try {
    for (const open of openers) {
      s.throwIfAborted();
      opened.push(await open(s));
    }
    s.throwIfAborted();
    return await task(opened, s);
  } finally {
    // The run is over: stop stragglers first, then release the resources they were using, newest first.
    run.abort(new DOMException('withResources has finished', 'AbortError'));
    for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
  }
}
