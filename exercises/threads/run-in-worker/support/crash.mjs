// Fails before replying: the uncaught error reaches the main thread as the worker's 'error' event (a RangeError,
// cloned), and the worker then exits with code 1.
import { workerData } from 'node:worker_threads';

throw new RangeError(`cannot square ${JSON.stringify(workerData)}`);
