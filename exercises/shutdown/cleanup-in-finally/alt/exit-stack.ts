import type { Opener, Resource } from './support/resources.ts';

/**
 * A small port of Python's contextlib.AsyncExitStack: each opened resource pushes its own exit callback, and
 * closing the stack runs the callbacks newest first. The callbacks could as well release a lock or delete a
 * temporary file; the stack does not care what they undo.
 */
class ExitStack {
  private readonly exits: (() => void | Promise<void>)[] = [];

  push(exit: () => void | Promise<void>): void {
    this.exits.push(exit);
  }

  async close(): Promise<void> {
    for (let exit = this.exits.pop(); exit; exit = this.exits.pop()) await exit();
  }
}

export async function withResources<T>(
  openers: readonly Opener[],
  task: (resources: Resource[], signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ?? new AbortController().signal;
  const stack = new ExitStack();
  const opened: Resource[] = [];
  try {
    for (const open of openers) {
      s.throwIfAborted();
      const resource = await open(s);
      opened.push(resource);
      stack.push(() => resource.close());
    }
    s.throwIfAborted();
    return await task(opened, s);
  } finally {
    await stack.close();
  }
}
