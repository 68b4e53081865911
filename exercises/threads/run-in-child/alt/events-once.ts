import { fork, type Serializable } from 'node:child_process';
import { once } from 'node:events';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  timeoutMs?: number;
}

// An async function that awaits the child's 'exit' with events.once, like subprocess.run waiting for the
// process; once() also rejects if the child emits 'error' (a failed spawn or send) before it exits.
export async function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  const child = fork(script);
  let reply: { value: T } | undefined;
  let timedOut = false;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.once('message', (message) => {
    reply = { value: message as T };
    child.disconnect(); // double.mjs has nothing left to wait for, and exits
  });
  const deadline =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill(); // SIGTERM; the 'exit' awaited below says when it has worked
        }, options.timeoutMs);
  try {
    child.send(input);
    const [code, signal] = await exited;
    if (reply) return reply.value;
    throw new ChildFailedError(code, signal, timedOut);
  } finally {
    clearTimeout(deadline);
  }
}
