import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { EventEmitter } from 'node:events';

/**
 * The resource types in `process.getActiveResourcesInfo()` that were not there in the snapshot `before`
 * (for each type, as many as there are more of them now), sorted.
 */
export function resourcesSince(before: readonly string[]): string[] {
  // The list holds one type name per resource ('Timeout', 'TCPServerWrap', ...), so compare counts per type.
  const left = [...before];
  const added: string[] = [];
  for (const type of process.getActiveResourcesInfo()) {
    const i = left.indexOf(type);
    if (i >= 0) left.splice(i, 1);
    else added.push(type);
  }
  return added.sort();
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
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const forward = (status: string) => socket.write(`status: ${status}\n`);
    bus.on('status', forward);
    // A client that vanishes mid-write raises 'error' on its socket; without a listener it would crash the feed.
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      // The mistake: "remove the status listener" done the blunt way. It removes every client's listener, and
      // those of anyone else listening on the bus.
      bus.removeAllListeners('status');
    });
    socket.write('welcome\n');
  });
  // One timer for the whole feed, not one per client.
  const heartbeat = setInterval(() => {
    for (const socket of sockets) socket.write('ping\n');
  }, options.heartbeatMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    async close() {
      clearInterval(heartbeat);
      // server.close() only stops accepting: it waits for the open connections, which a feed keeps open
      // forever. So destroy them, and wait for their 'close' events, which remove their bus listeners.
      const serverClosed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      const socketsClosed = [...sockets].map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once('close', () => resolve());
            socket.destroy();
          }),
      );
      await Promise.all([serverClosed, ...socketsClosed]);
    },
  };
}
