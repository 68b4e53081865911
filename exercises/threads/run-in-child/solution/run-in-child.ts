import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  /** Kill the child (SIGTERM) if it has not replied after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * Runs `script` in a child Node process, sends it `input` over the IPC channel and resolves with its first
 * reply. Rejects with a ChildFailedError (exit code or signal) if it ends without replying, or is killed at its
 * deadline. Settles only once the child has exited: no process is left behind.
 */
export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // fork() starts a new Node process on the script, with an IPC channel: child.send() / process.send().
    const child = fork(script);
    let reply: { value: T } | undefined;
    let timedOut = false;
    const deadline =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
          }, options.timeoutMs);

    child.once('message', (message) => {
      reply = { value: message as T };
      clearTimeout(deadline);
      // Closing the IPC channel leaves the child nothing to wait for, so it exits by itself (code 0).
      child.disconnect();
    });
    // 'exit' comes last, whatever happened: a reply and a clean exit, a crash, a signal, our own kill. Settling
    // here means the child is gone when the caller hears from us. (Node has reaped it: no zombie is left.)
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      if (reply) resolve(reply.value);
      else reject(new ChildFailedError(code, signal, timedOut));
    });
    // A failed spawn or send arrives as 'error'; without a listener it would crash the parent.
    child.once('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.send(input);
  });
}
