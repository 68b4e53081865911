import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  timeoutMs?: number;
}

export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
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
      child.disconnect();
    });
    // Only the exit code is looked at: a child killed by a signal has none, so it is reported as "code 1".
    child.once('exit', (code) => {
      clearTimeout(deadline);
      if (reply) resolve(reply.value);
      else reject(new ChildFailedError(code ?? 1, null, timedOut));
    });
    child.once('error', reject);
    child.send(input);
  });
}
