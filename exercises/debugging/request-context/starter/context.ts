import { AsyncLocalStorage } from 'node:async_hooks';

// One storage for the whole program; what it holds depends on which request the running code belongs to.
const storage = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as request `id` and returns what `fn` returns (a promise, if `fn` is async). Everything `fn` calls,
 * awaits or schedules sees `currentRequest() === id`; the caller does not.
 */
export function withRequest<T>(id: string, fn: () => T): T {
  throw new Error('TODO: run fn with id as the current request');
}

/** The id of the request the calling code belongs to, or `undefined` outside any request. */
export function currentRequest(): string | undefined {
  throw new Error('TODO: read the current request id');
}

export interface Logger {
  /** Writes one line, `[<request id>] <message>`, or `[-] <message>` outside any request. */
  info(message: string): void;
}

/** A logger that writes each line to `sink`. */
export function createLogger(sink: (line: string) => void): Logger {
  throw new Error('TODO: return a logger that prefixes each line with the current request id');
}

/**
 * Returns a function that calls `fn` (with the same arguments, returning its result) as the request that was
 * current when `bindToRequest` was called, whoever calls it later.
 */
export function bindToRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  throw new Error('TODO: capture the current request for a callback that runs later');
}
