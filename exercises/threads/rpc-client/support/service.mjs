// A small service running in a worker thread. Each client connects by posting { type: 'connect', port } with a
// MessagePort in the transfer list; the service answers that client's requests on that port only.
//
// Request:  { id, method, args }      Reply: { id, result } or { id, error } (error is a message string)
//
// Methods: add(a, b), upper(text), sum(arrayBuffer) (adds up its Float64 values), fail(message) (replies with an
// error), hold(value) (no reply yet) and release() (replies to every held request, NEWEST FIRST, then to
// release itself with how many it released). So replies can come back in a different order than requests.
//
// On its parent port the service reports { type: 'connected', client } and { type: 'closed', client } when a
// client's port opens and closes (client numbers count from 1).
import { parentPort } from 'node:worker_threads';

const methods = {
  add: (a, b) => a + b,
  upper: (text) => text.toUpperCase(),
  sum: (buffer) => new Float64Array(buffer).reduce((total, x) => total + x, 0),
  fail: (message) => {
    throw new Error(message);
  },
};

let clients = 0;
parentPort.on('message', (message) => {
  if (message?.type !== 'connect') return;
  const client = ++clients;
  const { port } = message;
  const held = [];
  port.on('message', ({ id, method, args }) => {
    if (method === 'hold') {
      held.push({ id, value: args[0] });
    } else if (method === 'release') {
      const count = held.length;
      while (held.length) {
        const { id: heldId, value } = held.pop();
        port.postMessage({ id: heldId, result: value });
      }
      port.postMessage({ id, result: count });
    } else if (!Object.hasOwn(methods, method)) {
      port.postMessage({ id, error: `no method named ${method}` });
    } else {
      try {
        port.postMessage({ id, result: methods[method](...args) });
      } catch (error) {
        port.postMessage({ id, error: error.message });
      }
    }
  });
  port.on('close', () => parentPort.postMessage({ type: 'closed', client }));
  parentPort.postMessage({ type: 'connected', client });
});
