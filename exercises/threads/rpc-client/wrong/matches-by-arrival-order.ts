import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';

export interface RpcClient {
  call(method: string, args?: unknown[], transfer?: TransferListItem[]): Promise<unknown>;
  close(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function connect(worker: Worker): RpcClient {
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: 'connect', port: port2 }, [port2]);
  // Requests go out in order, so replies must come back in order... unless the service answers some later.
  const waiting: Pending[] = [];
  let nextId = 1;
  let closed = false;
  const failAll = (error: Error) => {
    for (const call of waiting.splice(0)) call.reject(error);
  };
  port1.on('message', (reply: { result?: unknown; error?: string }) => {
    const call = waiting.shift();
    if (!call) return;
    if (reply.error !== undefined) call.reject(new Error(reply.error));
    else call.resolve(reply.result);
  });
  port1.on('close', () => {
    closed = true;
    failAll(new Error('the channel closed before the reply came'));
  });
  return {
    call(method, args = [], transfer = []) {
      if (closed) return Promise.reject(new Error('this client is closed'));
      return new Promise((resolve, reject) => {
        try {
          port1.postMessage({ id: nextId++, method, args }, transfer);
          waiting.push({ resolve, reject });
        } catch (error) {
          reject(error as Error);
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      failAll(new Error('this client was closed'));
      port1.close();
    },
  };
}
