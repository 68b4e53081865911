import { AsyncLocalStorage } from 'node:async_hooks';

// One storage for the whole program; what it holds depends on which request the running code belongs to.
// The counterpart of a module-level contextvars.ContextVar in Python.
const storage = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as request `id` and returns what `fn` returns (a promise, if `fn` is async). Everything `fn` calls,
 * awaits or schedules sees `currentRequest() === id`; the caller does not.
 */
export function withRequest<T>(id: string, fn: () => T): T {
  // run() sets the store for fn and everything it starts (awaits, timers, promise callbacks), and puts the
  // caller's store back as soon as fn returns. enterWith() would change the caller's store too.
  return storage.run(id, fn);
}

/** The id of the request the calling code belongs to, or `undefined` outside any request. */
export function currentRequest(): string | undefined {
  return storage.getStore();
}

export interface Logger {
  /** Writes one line, `[<request id>] <message>`, or `[-] <message>` outside any request. */
  info(message: string): void;
}

/** A logger that writes each line to `sink`. */
export function createLogger(sink: (line: string) => void): Logger {
  // The id is read when the line is written, not when the logger is made: one logger serves every request.
  return {
    info(message) {
      sink(`[${currentRequest() ?? '-'}] ${message}`);
    },
  };
}

/**
 * Returns a function that calls `fn` (with the same arguments, returning its result) as the request that was
 * current when `bindToRequest` was called, whoever calls it later.
 */
export function bindToRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  // The mistake: the id is captured and set again, but a callback bound outside any request is called as it
  // is, so it runs as whichever request calls it.
  const id = storage.getStore();
  return (...args) => (id === undefined ? fn(...args) : storage.run(id, () => fn(...args)));
}
