import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  timeoutMs?: number;
}

export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(script);
    let reply: T | undefined;
    let timedOut = false;
    const deadline =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
          }, options.timeoutMs);
    child.once('message', (message) => {
      reply = message as T;
      clearTimeout(deadline);
      child.disconnect();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      // "Did a reply come?" asked of the reply itself: a reply of 0, '' or false looks like no reply.
      if (reply) resolve(reply);
      else reject(new ChildFailedError(code, signal, timedOut));
    });
    child.once('error', reject);
    child.send(input);
  });
}
