// The script of every worker thread the grader starts (see in-thread.ts). It imports the JavaScript copy of your
// file that the grading run compiled before the tests started, then runs the grader's code for this thread with
// `subject` (your module), `workerData` (this thread's data) and `parentPort` in scope.
import { parentPort, workerData } from 'node:worker_threads';

const { subjectUrl, body, data } = workerData;
const subject = subjectUrl === undefined ? undefined : await import(subjectUrl);
const AsyncFunction = (async () => {}).constructor;
// Strict, like the ES module the code would otherwise be; `await` works in it, as at a module's top level.
await new AsyncFunction('subject', 'workerData', 'parentPort', `'use strict';\n${body}`)(subject, data, parentPort);
