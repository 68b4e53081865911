import { EventEmitter, once } from 'node:events';
import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';

// No Map of pending calls: every reply is re-emitted on an EventEmitter under its request's id, and each call
// awaits its own id with events.once. once() also rejects when the emitter emits 'error', so one 'error' fails
// every call still waiting at once, which is how a closed channel is reported.

export interface RpcClient {
  call(method: string, args?: unknown[], transfer?: TransferListItem[]): Promise<unknown>;
  close(): void;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export function connect(worker: Worker): RpcClient {
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: 'connect', port: port2 }, [port2]); // a port can only be moved

  const replies = new EventEmitter();
  replies.setMaxListeners(0); // any number of calls may be waiting
  let nextId = 1;
  let closedWith: Error | undefined;

  port1.on('message', (reply: Reply) => replies.emit(`reply ${reply.id}`, reply));

  const shut = (reason: Error) => {
    if (closedWith) return;
    closedWith = reason;
    // Emitting 'error' with nobody listening would throw; with calls waiting, it rejects all of them.
    if (replies.listenerCount('error') > 0) replies.emit('error', reason);
  };
  port1.on('close', () => shut(new Error('the channel closed before the reply came')));

  return {
    async call(method, args = [], transfer = []) {
      if (closedWith) throw closedWith;
      const id = nextId++;
      const giveUp = new AbortController();
      const replied = once(replies, `reply ${id}`, { signal: giveUp.signal });
      try {
        // Runs before the first await, so a transferred buffer is detached by the time call() returns.
        port1.postMessage({ id, method, args }, transfer);
      } catch (error) {
        giveUp.abort(); // nothing will answer this id: drop its listener
        replied.catch(() => {});
        throw error; // a DataCloneError becomes the rejection of this call
      }
      const [reply] = (await replied) as [Reply];
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply.result;
    },
    close() {
      shut(new Error('this client was closed'));
      port1.close(); // the service's end sees 'close', and the port no longer keeps the process alive
    },
  };
}
