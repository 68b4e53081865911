// Predict what each program in ./support/ prints, one array entry per line, in order.
// Read the program, write your prediction here, and only then run it (`node support/<file>`) or grade it.

/** The lines `support/sync-then-async.mjs` prints, in order. */
export const syncThenAsync: string[] = [];

/** The lines `support/microtasks-between-timers.mjs` prints, in order. */
export const microtasksBetweenTimers: string[] = [];

/** The lines `support/next-tick-in-commonjs.cjs` prints, in order. */
export const nextTickInCommonjs: string[] = [];

/** The lines `support/inside-io-callback.mjs` prints, in order. */
export const insideIoCallback: string[] = [];

/** The lines `support/after-an-await.cjs` prints, in order. */
export const afterAnAwait: string[] = [];
