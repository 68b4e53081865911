import type { Opener, Resource } from './support/resources.ts';

/**
 * The same job with `await using`: a disposable declared at the top closes whatever made it into `opened` when
 * the function's block is left, however it is left (a return, a throw, an abort). Node 24 runs `await using`
 * natively; on Node 20, TypeScript compiles it into a try/finally, so this works on both.
 */
export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const opened: Resource[] = [];
  await using _closeAll = {
    async [Symbol.asyncDispose]() {
      // Last opened, first closed, like the exits of an AsyncExitStack.
      for (let i = opened.length - 1; i >= 0; i--) opened[i]!.close();
    },
  };
  for (const open of openers) {
    s.throwIfAborted();
    opened.push(await open(s));
  }
  s.throwIfAborted();
  // Still `return await`: disposal happens when the block is left, and without the await that is before the
  // task has finished with the resources.
  return await task(opened, s);
}
