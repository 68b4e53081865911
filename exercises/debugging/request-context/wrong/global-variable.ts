// The mistake: one variable for the whole process. It is right while fn runs synchronously, but after fn's first
// await the finally block has already put the old value back, and two requests in flight overwrite each other.
let current: string | undefined;

/**
 * Runs `fn` as request `id` and returns what `fn` returns (a promise, if `fn` is async). Everything `fn` calls,
 * awaits or schedules sees `currentRequest() === id`; the caller does not.
 */
export function withRequest<T>(id: string, fn: () => T): T {
  const previous = current;
  current = id;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** The id of the request the calling code belongs to, or `undefined` outside any request. */
export function currentRequest(): string | undefined {
  return current;
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
  const id = current;
  return (...args) => (id === undefined ? fn(...args) : withRequest(id, () => fn(...args)));
}
