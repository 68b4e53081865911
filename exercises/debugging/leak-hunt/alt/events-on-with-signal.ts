import { createServer, type AddressInfo, type Socket } from 'node:net';
import { on, once, type EventEmitter } from 'node:events';

/**
 * The resource types in `process.getActiveResourcesInfo()` that were not there in the snapshot `before`
 * (for each type, as many as there are more of them now), sorted.
 */
export function resourcesSince(before: readonly string[]): string[] {
  // Count each type in the snapshot, then spend those counts on the current list: what is left over is new.
  const budget = new Map<string, number>();
  for (const type of before) budget.set(type, (budget.get(type) ?? 0) + 1);
  const added: string[] = [];
  for (const type of process.getActiveResourcesInfo()) {
    const left = budget.get(type) ?? 0;
    if (left > 0) budget.set(type, left - 1);
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

/**
 * Writes every 'status' event of `bus` to `socket` until `signal` aborts. events.on() adds the listener now and
 * removes it when the signal aborts, so the bookkeeping of bus.on/bus.off is done for us.
 */
async function forwardStatuses(bus: EventEmitter, socket: Socket, signal: AbortSignal): Promise<void> {
  try {
    for await (const [status] of on(bus, 'status', { signal })) socket.write(`status: ${String(status)}\n`);
  } catch (error) {
    // The abort ends the loop with an AbortError: that is the normal way out.
    if ((error as Error).name !== 'AbortError') throw error;
  }
}

/** Starts a status feed: each client is greeted, gets every 'status' event of `bus`, and a `ping` now and then. */
export async function startFeed(bus: EventEmitter, options: FeedOptions): Promise<Feed> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // One AbortController per client: aborting it is the whole cleanup of its subscription.
    const subscription = new AbortController();
    forwardStatuses(bus, socket, subscription.signal).catch(() => socket.destroy());
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      subscription.abort();
    });
    socket.write('welcome\n');
  });
  const heartbeat = setInterval(() => {
    for (const socket of sockets) socket.write('ping\n');
  }, options.heartbeatMs);

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    port,
    async close() {
      clearInterval(heartbeat);
      server.close();
      const gone = [once(server, 'close'), ...[...sockets].map((socket) => once(socket, 'close'))];
      for (const socket of sockets) socket.destroy();
      await Promise.all(gone);
    },
  };
}
