import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { EventEmitter } from 'node:events';

/**
 * The resource types in `process.getActiveResourcesInfo()` that were not there in the snapshot `before`
 * (for each type, as many as there are more of them now), sorted.
 */
export function resourcesSince(before: readonly string[]): string[] {
  // Sort both lists and walk them side by side, like a merge: equal types cancel out.
  const old = [...before].sort();
  const now = [...process.getActiveResourcesInfo()].sort();
  const added: string[] = [];
  let i = 0;
  for (const type of now) {
    while (i < old.length && old[i]! < type) i++;
    if (i < old.length && old[i] === type) i++;
    else added.push(type);
  }
  return added;
}

export interface Feed {
  /** The TCP port the feed listens on, on 127.0.0.1. */
  readonly port: number;
  /** Stops the feed and releases everything it holds; resolves once it is all gone. */
  close(): Promise<void>;
}

export interface FeedOptions {
  /** How often every client gets a `ping` line. */
  heartbeatMs: number;
}

/** Starts a status feed: each client is greeted, gets every 'status' event of `bus`, and a `ping` now and then. */
export async function startFeed(bus: EventEmitter, options: FeedOptions): Promise<Feed> {
  // Each connected client with the very listener it gave the bus: removing a client removes both.
  const clients = new Map<Socket, (status: string) => void>();
  // The heartbeat runs only while somebody listens: started by the first client, stopped with the last.
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function stopHeartbeatIfIdle(): void {
    if (clients.size === 0 && heartbeat !== undefined) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  function drop(socket: Socket): void {
    const forward = clients.get(socket);
    if (forward === undefined) return;
    clients.delete(socket);
    bus.off('status', forward);
    stopHeartbeatIfIdle();
  }

  const server = createServer((socket) => {
    const forward = (status: string) => {
      socket.write(`status: ${status}\n`);
    };
    clients.set(socket, forward);
    bus.on('status', forward);
    heartbeat ??= setInterval(() => {
      for (const client of clients.keys()) client.write('ping\n');
    }, options.heartbeatMs);
    socket.on('error', () => {});
    socket.on('close', () => drop(socket));
    socket.write('welcome\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    close() {
      // Release every client here and now instead of waiting for its 'close' event: drop() removes its
      // listener (and, with the last one, stops the heartbeat), destroy() ends its connection.
      for (const socket of [...clients.keys()]) {
        drop(socket);
        socket.destroy();
      }
      // server.close() only stops accepting; with every connection destroyed, its callback comes at once.
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
