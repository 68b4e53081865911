import { afterEach, describe, expect, test, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { resourcesSince, startFeed, type Feed } from '#subject/feed.ts';

// Real sockets on 127.0.0.1, a real EventEmitter, and a fake setInterval (only setInterval and clearInterval
// are faked, so the heartbeat moves only when a test advances the clock). Waiting for the network uses events
// and, where Node gives no event, polls with a generous limit; no duration is asserted.

const LIMIT_MS = 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done(value)` holds or `limitMs` passes; returns the last value either way. */
async function settleOn<T>(read: () => T, done: (value: T) => boolean, limitMs = LIMIT_MS): Promise<T> {
  const end = Date.now() + limitMs;
  let value = read();
  while (!done(value) && Date.now() < end) {
    await sleep(2);
    value = read();
  }
  return value;
}

/** Resolves with what `promise` gives, or with `fallback` if it has not settled after LIMIT_MS. */
async function within<T, F>(promise: Promise<T>, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), LIMIT_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface Client {
  socket: Socket;
  lines: string[];
  closed: Promise<void>;
  /** Waits until the client has received `n` lines (or LIMIT_MS passed); returns all lines received. */
  waitForLines(n: number): Promise<string[]>;
}

const clients: Client[] = [];
const feeds: Feed[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const client of clients.splice(0)) client.socket.destroy();
  for (const feed of feeds.splice(0)) await within(feed.close().catch(() => {}), undefined);
});

async function connectClient(port: number): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const lines: string[] = [];
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const client: Client = {
    socket,
    lines,
    closed,
    waitForLines: async (n) => {
      await settleOn(() => lines.length, (count) => count >= n);
      return [...lines];
    },
  };
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return client;
}

async function start(bus: EventEmitter, heartbeatMs = 1000): Promise<Feed> {
  const feed = await startFeed(bus, { heartbeatMs });
  feeds.push(feed);
  return feed;
}

/** Calls feed.close() (once; afterEach closes only the feeds a test did not close itself). */
function closeFeed(feed: Feed): Promise<void> {
  feeds.splice(feeds.indexOf(feed), 1);
  return feed.close();
}

/** A connected client that has been greeted. */
async function greetedClient(feed: Feed): Promise<Client> {
  const client = await connectClient(feed.port);
  const lines = await client.waitForLines(1);
  expect(lines[0], 'the first line a new client receives').toBe('welcome');
  return client;
}

const tcpResources = (before: readonly string[]) => {
  const left = [...before];
  return process.getActiveResourcesInfo().filter((type) => {
    const i = left.indexOf(type);
    if (i >= 0) left.splice(i, 1);
    return i < 0 && type.startsWith('TCP');
  });
};

describe('1. See what keeps the process alive', () => {
  test('lists the timers and immediates created since the snapshot, sorted', () => {
    const before = process.getActiveResourcesInfo();
    const a = setTimeout(() => {}, 60_000);
    const b = setInterval(() => {}, 60_000);
    const c = setImmediate(() => {});
    const got = resourcesSince(before);
    clearTimeout(a);
    clearInterval(b);
    clearImmediate(c);
    expect(got, 'resourcesSince(before) after setTimeout, setInterval and setImmediate').toEqual(['Immediate', 'Timeout', 'Timeout']);
    expect(resourcesSince(before), 'resourcesSince(before) once all three were cleared').toEqual([]);
  });

  test('compares counts per type, and leaves out unref()ed timers', () => {
    const old = [setTimeout(() => {}, 60_000), setTimeout(() => {}, 60_000)];
    const before = process.getActiveResourcesInfo();
    clearTimeout(old[0]);
    expect(resourcesSince(before), 'resourcesSince(before) after one of two earlier timers was cleared').toEqual([]);
    const fresh = [setTimeout(() => {}, 60_000), setTimeout(() => {}, 60_000)];
    const quiet = setTimeout(() => {}, 60_000).unref();
    const got = resourcesSince(before);
    for (const t of [...old, ...fresh, quiet]) clearTimeout(t);
    expect(got, 'then two new timers and one unref()ed timer: one Timeout more than in the snapshot').toEqual(['Timeout']);
  });

  test('a listening server shows up as TCPServerWrap', async () => {
    const before = process.getActiveResourcesInfo();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const got = resourcesSince(before);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(got, 'resourcesSince(before) while a TCP server listens').toEqual(['TCPServerWrap']);
  });
});

describe('2. Serve the feed', () => {
  test('listens on 127.0.0.1 and greets every client with welcome', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const feed = await start(new EventEmitter());
    expect(feed.port, 'feed.port').toBeGreaterThan(0);
    await greetedClient(feed);
    await greetedClient(feed);
  });

  test('every status event on the bus reaches every client', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const bus = new EventEmitter();
    const feed = await start(bus);
    const one = await greetedClient(feed);
    const two = await greetedClient(feed);
    bus.emit('status', 'busy');
    bus.emit('status', 'idle');
    expect(await one.waitForLines(3), "lines of the first client after bus.emit('status', 'busy') and ('status', 'idle')").toEqual([
      'welcome',
      'status: busy',
      'status: idle',
    ]);
    expect(await two.waitForLines(3), 'lines of the second client').toEqual(['welcome', 'status: busy', 'status: idle']);
  });

  test('each client gets its own bus listener', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const bus = new EventEmitter();
    const feed = await start(bus);
    await greetedClient(feed);
    await greetedClient(feed);
    expect(bus.listenerCount('status'), "bus.listenerCount('status') with two clients connected").toBe(2);
  });

  test('one heartbeat timer for the whole feed pings every client', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const feed = await start(new EventEmitter(), 1000);
    const one = await greetedClient(feed);
    const two = await greetedClient(feed);
    expect(vi.getTimerCount(), 'setInterval timers running with two clients connected (one heartbeat for the whole feed)').toBe(1);
    vi.advanceTimersByTime(3000);
    expect(await one.waitForLines(4), 'lines of the first client after 3000 ms of fake time, heartbeatMs 1000').toEqual([
      'welcome',
      'ping',
      'ping',
      'ping',
    ]);
    expect(await two.waitForLines(4), 'lines of the second client').toEqual(['welcome', 'ping', 'ping', 'ping']);
  });
});

describe('3. Let clients go', () => {
  test('a client that disconnects loses its bus listener', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const bus = new EventEmitter();
    const feed = await start(bus);
    const client = await greetedClient(feed);
    expect(bus.listenerCount('status'), "bus.listenerCount('status') while the client is connected").toBe(1);
    client.socket.end();
    await client.closed;
    const count = await settleOn(() => bus.listenerCount('status'), (n) => n === 0);
    expect(count, "bus.listenerCount('status') after the client disconnected: bus.off must get the very function bus.on got").toBe(0);
  });

  test("a client that disconnects takes only its own listener: the other clients' and the program's stay", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const bus = new EventEmitter();
    const audit = (status: string) => void status; // another part of the program listens to the same bus
    bus.on('status', audit);
    const feed = await start(bus);
    const leaving = await greetedClient(feed);
    const staying = await greetedClient(feed);
    leaving.socket.end();
    await leaving.closed;
    const count = await settleOn(() => bus.listenerCount('status'), (n) => n <= 2);
    bus.emit('status', 'busy');
    const lines = await staying.waitForLines(2);
    const auditKept = bus.listeners('status').includes(audit) ? 'kept' : 'removed';
    expect(
      `${count} listeners; the other client got: ${lines.slice(1).join(', ') || 'nothing'}; the program's own listener ${auditKept}`,
      "the bus after one of two clients disconnected (another part of the program listened too): remove only the leaving client's listener",
    ).toBe("2 listeners; the other client got: status: busy; the program's own listener kept");
  });

  test('twelve clients, one after another, leave no listener and no MaxListenersExceededWarning', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => {
      warnings.push(`${warning.name}: ${warning.message}`);
    };
    process.on('warning', onWarning);
    try {
      const bus = new EventEmitter();
      const feed = await start(bus);
      for (let i = 0; i < 12; i++) {
        const client = await greetedClient(feed);
        client.socket.end();
        await client.closed;
        // Give the feed a moment to notice; a feed that never removes listeners piles them up.
        await settleOn(() => bus.listenerCount('status'), (n) => n === 0, 100);
      }
      const count = await settleOn(() => bus.listenerCount('status'), (n) => n === 0);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(warnings.join('; ') || 'none', 'process warnings while twelve clients came and went').toBe('none');
      expect(count, "bus.listenerCount('status') after twelve clients came and went").toBe(0);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('4. Close releases everything', () => {
  test('close() resolves while clients are still connected, and disconnects them', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const feed = await start(new EventEmitter());
    const one = await greetedClient(feed);
    const two = await greetedClient(feed);
    const outcome = await within(
      closeFeed(feed).then(() => 'resolved'),
      `still pending after ${LIMIT_MS} ms: server.close() waits for open connections to end; destroy them`,
    );
    expect(outcome, 'feed.close() with two clients connected').toBe('resolved');
    const disconnected = await within(
      Promise.all([one.closed, two.closed]).then(() => 'both disconnected'),
      'still connected',
    );
    expect(disconnected, 'the two clients after feed.close() resolved').toBe('both disconnected');
  });

  test('after close() no bus listener, no timer and no TCP handle of the feed is left', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const bus = new EventEmitter();
    const audit = (status: string) => void status; // another part of the program listens to the same bus
    bus.on('status', audit);
    const before = process.getActiveResourcesInfo();
    const feed = await start(bus);
    const gone = await greetedClient(feed);
    gone.socket.end();
    await gone.closed;
    await greetedClient(feed);
    await greetedClient(feed);
    const outcome = await within(closeFeed(feed).then(() => 'resolved'), `still pending after ${LIMIT_MS} ms`);
    expect(outcome, 'feed.close()').toBe('resolved');
    const owners = bus.listeners('status').map((l) => (l === audit ? "the program's own listener" : 'a listener of the feed'));
    expect(owners.join(', ') || 'none', "the bus's 'status' listeners once close() has resolved: the feed removes its own, and only those").toBe(
      "the program's own listener",
    );
    expect(vi.getTimerCount(), 'setInterval timers still running once close() has resolved (the heartbeat)').toBe(0);
    for (const client of clients) await within(client.closed, undefined);
    const left = await settleOn(() => tcpResources(before), (list) => list.length === 0);
    expect(left.join(', ') || 'none', 'TCP handles in process.getActiveResourcesInfo() that were not there before startFeed').toBe('none');
  });
});
