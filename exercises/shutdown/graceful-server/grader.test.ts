import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createShutdown } from '#subject/shutdown.ts';
import { FakeServer, type FakeRequest } from '#support/server.ts';

// Every check reads one event log (server and requests write to it; the grader's app writes `<id> start`) and
// moves fake time; nothing depends on real time.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

interface Tracked {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  reason?: unknown;
}

function track(promise: Promise<unknown>): Tracked {
  const t: Tracked = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (reason: unknown) => Object.assign(t, { state: 'rejected', reason }),
  );
  return t;
}

const show = (log: string[]) => log.join(' | ');

/**
 * A server, and an app that takes `durations[id]` ms of fake time per request (100 ms if not listed), then
 * answers 200 unless the request was destroyed meanwhile. Requests whose id is in `failing` reject instead.
 */
function setUp(graceMs: number, durations: Record<string, number> = {}, failing: string[] = []) {
  const log: string[] = [];
  const server = new FakeServer(log);
  const appCalls: string[] = [];
  const app = (request: FakeRequest) => {
    appCalls.push(request.id);
    log.push(`${request.id} start`);
    return new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        if (failing.includes(request.id)) {
          if (!request.finished) request.respond(500, 'oops');
          reject(new Error(`request ${request.id} failed`));
          return;
        }
        if (!request.finished) request.respond(200, 'ok');
        resolve();
      }, durations[request.id] ?? 100);
    });
  };
  let made: { shutdown(): Promise<number> } | undefined;
  expect(() => {
    made = createShutdown(server, app, graceMs);
  }, 'createShutdown(server, app, graceMs) should not throw').not.toThrow();
  expect(typeof made?.shutdown, 'the type of the shutdown property createShutdown returns').toBe('function');
  const shutdown = () => {
    let result: unknown;
    expect(() => {
      result = made!.shutdown();
    }, 'shutdown() should return a promise, not throw').not.toThrow();
    expect(result, 'what shutdown() returned').toBeInstanceOf(Promise);
    return track(result as Promise<unknown>);
  };
  return { log, server, appCalls, shutdown };
}

describe('1. Pass requests to the app', () => {
  test('every request reaches the app, and the app answers it', async () => {
    const { log, server, appCalls } = setUp(1000);
    const a = server.deliver('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(appCalls, 'the requests that reached the app').toEqual(['a']);
    expect(a.status, `the status request a got (log: ${show(log)})`).toBe(200);
    expect(server.closeCalls, 'server.close() calls while no shutdown was asked for').toBe(0);
  });

  test('handles several requests at the same time, not one after another', async () => {
    const { log, server } = setUp(1000, { a: 100, b: 100, c: 100 });
    server.deliver('a');
    server.deliver('b');
    server.deliver('c');
    expect(
      log.filter((e) => e.endsWith('start')),
      `the requests the app started at 0 ms, before any finished (log: ${show(log)})`,
    ).toEqual(['a start', 'b start', 'c start']);
    await vi.advanceTimersByTimeAsync(100);
    expect(log.filter((e) => e.endsWith(' 200')), `the requests answered by 100 ms (log: ${show(log)})`).toEqual(['a 200', 'b 200', 'c 200']);
  });

  test('does not answer requests itself', async () => {
    const { log, server } = setUp(1000);
    server.deliver('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(
      log.filter((e) => e.includes('ERROR')),
      `responses the app could not send because the request had already been answered (log: ${show(log)})`,
    ).toEqual([]);
  });
});

describe('2. Refuse new requests once shutting down', () => {
  test('shutdown() closes the server', async () => {
    const { server, shutdown } = setUp(1000);
    shutdown();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.closeCalls, 'server.close() calls after shutdown()').toBe(1);
  });

  test('a request arriving after shutdown() gets 503 at once and never reaches the app', async () => {
    const { log, server, appCalls, shutdown } = setUp(1000, { a: 500 });
    server.deliver('a');
    shutdown();
    const late = server.deliver('late'); // on an open keep-alive connection
    expect(late.status, `the status of a request that arrived after shutdown(), right away (log: ${show(log)})`).toBe(503);
    await vi.advanceTimersByTimeAsync(500);
    expect(
      appCalls,
      'the requests that reached the app: one that arrives after shutdown() must not (server.close() does not stop keep-alive connections)',
    ).toEqual(['a']);
  });

  test('requests in flight are left alone when shutdown starts', async () => {
    const { log, server, shutdown } = setUp(1000, { a: 300 });
    const a = server.deliver('a');
    shutdown();
    await vi.advanceTimersByTimeAsync(0);
    expect([a.status, a.destroyed], `request a's status and destroyed flag right after shutdown() (log: ${show(log)})`).toEqual([undefined, false]);
    await vi.advanceTimersByTimeAsync(300);
    expect(a.status, 'the status request a got from the app, during shutdown').toBe(200);
  });
});

describe('3. Wait for in-flight requests', () => {
  test('resolves with 0 when the last in-flight request finishes, not before', async () => {
    const { log, server, shutdown } = setUp(1000, { a: 200, b: 400 });
    server.deliver('a');
    server.deliver('b');
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(200);
    expect(done.state, `the state of shutdown() at 200 ms, with b still running until 400 ms (log: ${show(log)})`).toBe('pending');
    await vi.advanceTimersByTimeAsync(199);
    expect(done.state, 'the state of shutdown() at 399 ms').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect([done.state, done.value], `shutdown()'s state and exit code at 400 ms, when b finished (log: ${show(log)})`).toEqual(['resolved', 0]);
    expect(log.filter((e) => e.includes('destroyed')), 'requests destroyed although they all finished in time').toEqual([]);
  });

  test('leaves no timer running once it resolves early', async () => {
    const { server, shutdown } = setUp(10_000, { a: 50 });
    server.deliver('a');
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(50);
    expect(done.state, 'the state of shutdown() once the only request finished').toBe('resolved');
    expect(
      vi.getTimerCount(),
      'timers still pending after shutdown() resolved (a 10 s grace timer left behind keeps a real process alive for 10 s)',
    ).toBe(0);
  });

  test('with nothing in flight, resolves with 0 right away', async () => {
    const { shutdown } = setUp(1000);
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(0);
    expect([done.state, done.value], 'shutdown()\'s state and exit code with no request in flight, before any time passed').toEqual(['resolved', 0]);
    expect(vi.getTimerCount(), 'timers pending after an idle shutdown').toBe(0);
  });

  test('a request whose app promise rejects counts as finished', async () => {
    const { server, shutdown } = setUp(1000, { a: 100, b: 150 }, ['a']);
    server.deliver('a');
    server.deliver('b');
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(150);
    expect([done.state, done.value], 'shutdown()\'s state and exit code at 150 ms: a failed at 100 ms, b finished at 150 ms').toEqual([
      'resolved',
      0,
    ]);
  });
});

describe('4. Force-close after the grace period', () => {
  test('destroys the requests still running at graceMs and resolves with 1', async () => {
    const { log, server, shutdown } = setUp(1000, { a: 300, b: 5000 });
    const a = server.deliver('a');
    const b = server.deliver('b');
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(999);
    expect(done.state, `the state of shutdown() at 999 ms, grace period 1000 ms (log: ${show(log)})`).toBe('pending');
    expect(b.destroyed ? 'destroyed' : 'still running', 'request b at 999 ms, before the grace period ended').toBe('still running');
    await vi.advanceTimersByTimeAsync(1);
    expect(
      [done.state, done.value],
      `shutdown()'s state and exit code at 1000 ms with b still running (log: ${show(log)}). ` +
        'After the grace period, destroy what is left and resolve with 1, or one stuck request keeps the process up for ever',
    ).toEqual(['resolved', 1]);
    expect([a.status, a.destroyed], 'request a (finished at 300 ms): status and destroyed').toEqual([200, false]);
    expect(b.destroyed ? 'destroyed' : 'left running', 'request b, still running when the grace period ended at 1000 ms').toBe('destroyed');
  });

  test('the whole story, in order', async () => {
    const { log, server, shutdown } = setUp(1000, { a: 300, b: 5000 });
    server.deliver('a');
    server.deliver('b');
    const done = shutdown();
    server.deliver('c');
    await vi.advanceTimersByTimeAsync(1000);
    expect(done.value, 'the exit code').toBe(1);
    const expected = ['a arrives', 'a start', 'b arrives', 'b start', 'server closed', 'c arrives', 'c 503', 'a 200', 'b destroyed'];
    expect(show(log), `the log: expected "${show(expected)}", got "${show(log)}"`).toBe(show(expected));
  });

  test('calling shutdown() again starts no second shutdown: one close(), the same exit code for every call', async () => {
    const { log, server, shutdown } = setUp(1000, { a: 5000 });
    server.deliver('a');
    const first = shutdown();
    await vi.advanceTimersByTimeAsync(500);
    const second = shutdown(); // a second SIGTERM, half-way through the grace period
    await vi.advanceTimersByTimeAsync(500);
    const third = shutdown(); // and one more after it is all over
    await vi.advanceTimersByTimeAsync(0);
    expect(server.closeCalls, `server.close() calls after shutdown() was called three times (log: ${show(log)})`).toBe(1);
    expect(
      [first, second, third].map((t) => `${t.state} ${String(t.value)}`).join(', '),
      'what the calls at 0 ms, 500 ms and 1000 ms resolved with (a stuck request, grace period 1000 ms)',
    ).toBe('resolved 1, resolved 1, resolved 1');
    expect(log.filter((e) => e.startsWith('a ')).join(' | '), 'what happened to request a: destroyed once, at the end of the one grace period').toBe(
      'a arrives | a start | a destroyed',
    );
  });
});
