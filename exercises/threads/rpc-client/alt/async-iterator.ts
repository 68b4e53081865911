import { on } from 'node:events';
import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';

// One reader loop drains the port with `for await ... of events.on(port, 'message')` and hands each reply to
// the call waiting under its id, like an asyncio task reading a StreamReader. The loop ends when the port
// closes (our close(), or the worker's exit), and everything still waiting fails right after it.

export interface RpcClient {
  call(method: string, args?: unknown[], transfer?: TransferListItem[]): Promise<unknown>;
  close(): void;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function connect(worker: Worker): RpcClient {
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: 'connect', port: port2 }, [port2]);

  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let open = true;

  const failWaiting = (reason: string) => {
    open = false;
    for (const call of waiting.values()) call.reject(new Error(reason));
    waiting.clear();
  };

  void (async () => {
    // `close: ['close']` ends the iteration when the port closes.
    for await (const [reply] of on(port1, 'message', { close: ['close'] }) as AsyncIterable<[Reply]>) {
      const call = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error !== undefined) call?.reject(new Error(reply.error));
      else call?.resolve(reply.result);
    }
    failWaiting('the channel closed before the reply came');
  })();

  return {
    call(method, args = [], transfer = []) {
      if (!open) return Promise.reject(new Error('this client is closed'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        try {
          port1.postMessage({ id, method, args }, transfer); // may throw a DataCloneError: it rejects this call
          waiting.set(id, { resolve, reject });
        } catch (error) {
          reject(error as Error);
        }
      });
    },
    close() {
      if (!open) return;
      failWaiting('this client was closed');
      port1.close();
    },
  };
}
