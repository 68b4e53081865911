import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

/**
 * The grace period as an AbortSignal: the grace timer aborts a controller, and the same 'abort' event that cuts
 * off the stragglers settles the shutdown with 1. A plain counter tracks the requests in flight, and the last one
 * to finish settles it with 0 instead.
 */
export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Set<FakeRequest>();
  const grace = new AbortController();
  let stopping = false;
  let settle: ((code: number) => void) | undefined;
  let result: Promise<number> | undefined;

  server.onRequest((request) => {
    if (stopping) {
      request.respond(503, 'shutting down');
      return;
    }
    inFlight.add(request);
    app(request)
      .catch(() => {})
      .finally(() => {
        inFlight.delete(request);
        if (stopping && inFlight.size === 0) settle?.(0);
      });
  });

  function shutdown(): Promise<number> {
    result ??= new Promise<number>((resolve) => {
      stopping = true;
      server.close();
      const timer = setTimeout(() => grace.abort(), graceMs);
      settle = (code) => {
        clearTimeout(timer);
        settle = undefined;
        resolve(code);
      };
      grace.signal.addEventListener(
        'abort',
        () => {
          for (const request of inFlight) request.destroy();
          inFlight.clear();
          settle?.(1);
        },
        { once: true },
      );
      if (inFlight.size === 0) settle(0);
    });
    return result;
  }

  return { shutdown };
}
