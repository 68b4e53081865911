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
    if (options.timeoutMs !== undefined) {
      // Harmless once the child is gone... but the timer stays scheduled for the whole timeout.
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, options.timeoutMs);
    }
    child.once('message', (message) => {
      reply = { value: message as T };
      child.disconnect();
    });
    child.once('exit', (code, signal) => {
      if (reply) resolve(reply.value);
      else reject(new ChildFailedError(code, signal, timedOut));
    });
    child.once('error', reject);
    child.send(input);
  });
}
