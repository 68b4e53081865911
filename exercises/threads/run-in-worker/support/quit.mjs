// Exits without replying, with the exit code it was given as workerData (0 is a clean exit, still no reply).
import { workerData } from 'node:worker_threads';

process.exit(workerData);
