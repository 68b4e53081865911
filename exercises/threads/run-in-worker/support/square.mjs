// Replies with the square of its workerData, then keeps listening for more work, as a long-lived worker does:
// it never exits by itself, so whoever started it has to stop it.
import { parentPort, workerData } from 'node:worker_threads';

parentPort.postMessage(workerData * workerData);
parentPort.on('message', () => {});
