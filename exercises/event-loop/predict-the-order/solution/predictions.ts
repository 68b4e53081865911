// What each program in ./support/ prints, one array entry per line, in order.

/** The lines `support/sync-then-async.mjs` prints, in order. */
export const syncThenAsync: string[] = [
  // The script itself is one task: nothing else runs until its last line has.
  'sync 1',
  'sync 2',
  'sync 3',
  // Then the microtask queue drains, first in first out: .then and queueMicrotask share that queue.
  'promise',
  'microtask',
  // Timers wait for the event loop's timers phase, even with a 0 ms delay, and even though it was scheduled first.
  'timeout',
];

/** The lines `support/microtasks-between-timers.mjs` prints, in order. */
export const microtasksBetweenTimers: string[] = [
  'sync',
  'timeout 1',
  'timeout 1 done',
  // The microtask queue drains after every callback, not once per loop iteration: both microtasks
  // queued by the first timer run before the second timer gets its turn.
  'promise from timeout 1',
  'microtask from timeout 1',
  'timeout 2',
];

/** The lines `support/next-tick-in-commonjs.cjs` prints, in order. */
export const nextTickInCommonjs: string[] = [
  'sync',
  // When the CommonJS script returns, Node empties the nextTick queue before the promise microtasks,
  // including ticks queued while it empties it. (At the top of an ES module, the promise would come first.)
  'nextTick 1',
  'nextTick 2',
  'promise',
];

/** The lines `support/inside-io-callback.mjs` prints, in order. */
export const insideIoCallback: string[] = [
  'sync',
  'file read',
  // The read callback runs in the poll phase; the check phase (immediates) comes next, the timers phase
  // only on the loop's next turn. At top level this pair has no fixed order; here it always does.
  'immediate',
  'timeout',
];

/** The lines `support/after-an-await.cjs` prints, in order. */
export const afterAnAwait: string[] = [
  // Calling job runs its body up to the await, inside the script.
  'job starts',
  'sync',
  // The script was called like any loop callback: its tick runs before the microtasks...
  'tick from script',
  // ...and the rest of job is one of those microtasks.
  'job resumed',
  // Code running as a microtask: its promise callback joins the queue V8 is emptying, and V8 finishes that queue
  // before Node returns to its nextTick queue. So here the promise comes first, even in CommonJS.
  'promise from job',
  'tick from job',
];
