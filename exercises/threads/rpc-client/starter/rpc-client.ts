import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';

export interface RpcClient {
  /**
   * Sends `{ id, method, args }` on this client's port, moving everything in `transfer` instead of copying it, and
   * resolves with the reply's `result` (or rejects with an Error carrying the reply's `error`).
   */
  call(method: string, args?: unknown[], transfer?: TransferListItem[]): Promise<unknown>;
  /** Closes this client's port; calls still waiting, and calls made later, reject. */
  close(): void;
}

/**
 * Opens a private channel to the service running in `worker`: creates a MessageChannel, keeps one port and hands
 * the other to the worker as `{ type: 'connect', port }` (in the transfer list).
 *
 * @example
 *   const client = connect(worker);
 *   await client.call('add', [2, 3]); // 5
 *   client.close();
 */
export function connect(worker: Worker): RpcClient {
  throw new Error('TODO: create a MessageChannel, send one port to the worker, and return a client');
}
