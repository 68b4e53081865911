import { fork, type Serializable } from 'node:child_process';
import { ChildFailedError } from './support/child-error.ts';

export interface RunOptions {
  timeoutMs?: number;
}

// fork's own `signal` option does the killing: aborting the controller sends the child its killSignal
// (SIGTERM by default). The deadline timer only aborts. Node reports the abort as an 'error' event (an
// AbortError), which here is expected and ignored; the 'exit' that follows settles the promise as usual.
export function runInChild<T = unknown>(script: string | URL, input: Serializable, options: RunOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = new AbortController();
    const child = fork(script, { signal: deadline.signal });
    let reply: { value: T } | undefined;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => deadline.abort(), options.timeoutMs);

    child.once('message', (message) => {
      reply = { value: message as T };
      clearTimeout(timer);
      child.disconnect();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply) resolve(reply.value);
      else reject(new ChildFailedError(code, signal, deadline.signal.aborted));
    });
    child.on('error', (error) => {
      if (deadline.signal.aborted) return; // our own abort: 'exit' comes next
      clearTimeout(timer);
      reject(error);
    });
    child.send(input);
  });
}
