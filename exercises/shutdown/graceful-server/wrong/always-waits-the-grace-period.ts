import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Set<FakeRequest>();
  let done: Promise<number> | undefined;
  server.onRequest((request) => {
    if (done) {
      request.respond(503, 'shutting down');
      return;
    }
    inFlight.add(request);
    app(request)
      .catch(() => {})
      .finally(() => inFlight.delete(request));
  });
  function shutdown(): Promise<number> {
    if (done) return done;
    server.close();
    // Sleeps through the whole grace period even when every request finished long before.
    done = new Promise<number>((resolve) =>
      setTimeout(() => {
        const left = [...inFlight];
        for (const request of left) request.destroy();
        resolve(left.length ? 1 : 0);
      }, graceMs),
    );
    return done;
  }
  return { shutdown };
}
