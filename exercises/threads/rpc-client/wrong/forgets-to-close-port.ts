import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';

export interface RpcClient {
  /** Sends one request; resolves with its result or rejects with its error. */
  call(method: string, args?: unknown[], transfer?: TransferListItem[]): Promise<unknown>;
  /** Closes this client's port; calls still waiting reject. */
  close(): void;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function connect(worker: Worker): RpcClient {
  const { port1, port2 } = new MessageChannel();
  // A port can only be moved, never copied: it must be in the transfer list. After this line port2 belongs to
  // the worker, and port1 is our private line to it.
  worker.postMessage({ type: 'connect', port: port2 }, [port2]);

  // Replies may come back in any order, so each waits under its request's id.
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  port1.on('message', (reply: Reply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) call.reject(new Error(reply.error));
    else call.resolve(reply.result);
  });
  // The other end went away (the worker exited): no reply will come for anything still waiting.
  port1.on('close', () => {
    closed = true;
    failAll(new Error('the channel closed before the reply came'));
  });

  return {
    call(method, args = [], transfer = []) {
      if (closed) return Promise.reject(new Error('this client is closed'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          // Everything in `transfer` is moved, not copied: the caller's ArrayBuffers are detached from here on.
          port1.postMessage({ id, method, args }, transfer);
        } catch (error) {
          // An argument that structured clone cannot copy (a function, say) fails here, synchronously.
          pending.delete(id);
          reject(error as Error);
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      failAll(new Error('this client was closed'));
      // Every waiting call is rejected and later calls are refused, so the client looks closed... but the port
      // itself stays open.
    },
  };
}
