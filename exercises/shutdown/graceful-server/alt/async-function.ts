import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

/**
 * shutdown() as an async function. Each call of an async function returns a new promise, so a second call does
 * not hand back the very same object; it returns the first call's promise from inside, so it resolves with the
 * same exit code, and the server is closed only once.
 */
export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Map<FakeRequest, Promise<void>>();
  let done: Promise<number> | undefined;

  server.onRequest((request) => {
    if (done) {
      request.respond(503, 'shutting down');
      return;
    }
    // The app's failure is its own business; for us a failed request has simply finished.
    const finished = app(request)
      .catch(() => {})
      .finally(() => inFlight.delete(request));
    inFlight.set(request, finished);
  });

  async function drainOrForce(): Promise<number> {
    server.close();
    if (inFlight.size === 0) return 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<'forced'>((resolve) => {
      timer = setTimeout(() => resolve('forced'), graceMs);
    });
    // Only the requests in flight now: new ones are refused, so the set can only shrink.
    const outcome = await Promise.race([Promise.all(inFlight.values()).then(() => 'drained' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'drained') return 0;
    for (const request of inFlight.keys()) request.destroy();
    inFlight.clear();
    return 1;
  }

  async function shutdown(): Promise<number> {
    if (done) return done;
    done = drainOrForce();
    return done;
  }

  return { shutdown };
}
