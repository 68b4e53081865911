import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  timeoutMs?: number;
}

export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(script);
    let settled = false;
    const deadline =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            // kill() sends the signal and returns; the child is still there when the caller hears "timed out".
            settled = true;
            child.kill('SIGTERM');
            reject(new ChildFailedError(null, 'SIGTERM', true));
          }, options.timeoutMs);
    child.once('message', (message) => {
      settled = true;
      clearTimeout(deadline);
      child.disconnect();
      // The reply is here, so why wait? (The child has not exited yet.)
      resolve(message as T);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      if (!settled) reject(new ChildFailedError(code, signal));
    });
    child.once('error', reject);
    child.send(input);
  });
}
