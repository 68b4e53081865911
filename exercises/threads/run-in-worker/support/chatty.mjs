// Replies twice, then keeps listening: only the first reply is the answer.
import { parentPort, workerData } from 'node:worker_threads';

parentPort.postMessage(`first reply to ${workerData}`);
parentPort.postMessage(`second reply to ${workerData}`);
parentPort.on('message', () => {});
