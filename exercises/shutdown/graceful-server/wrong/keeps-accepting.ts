import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Set<FakeRequest>();
  let done: Promise<number> | undefined;
  let onDrained: (() => void) | undefined;
  // Trusts server.close() to stop all new requests, but keep-alive connections still deliver them.
  server.onRequest((request) => {
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
    done = new Promise<number>((resolve) => {
      server.close();
      if (inFlight.size === 0) return resolve(0);
      const timer = setTimeout(() => {
        for (const request of inFlight) request.destroy();
        inFlight.clear();
        onDrained = undefined;
        resolve(1);
      }, graceMs);
      onDrained = () => {
        clearTimeout(timer);
        onDrained = undefined;
        resolve(0);
      };
    });
    return done;
  }
  return { shutdown };
}
