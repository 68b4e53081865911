import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { EventEmitter } from 'node:events';

/**
 * The resource types in `process.getActiveResourcesInfo()` that were not there in the snapshot `before`
 * (for each type, as many as there are more of them now), sorted.
 */
export function resourcesSince(before: readonly string[]): string[] {
  throw new Error('TODO: compare process.getActiveResourcesInfo() with the snapshot');
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
  throw new Error('TODO: start a TCP server on 127.0.0.1, port 0, and return { port, close }');
}
