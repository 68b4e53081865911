import type { FakeRequest, FakeServer } from './support/server.ts';

/** Answers one request (it calls request.respond) and settles when it is done. */
export type App = (request: FakeRequest) => Promise<void>;

/**
 * Serves `server`'s requests with `app` and returns `shutdown()`, which: closes the server, answers new requests
 * with 503, waits up to `graceMs` for the requests in flight, destroys those still going after that, and resolves
 * with the exit code: 0 if every request finished, 1 if some had to be destroyed.
 */
export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  const inFlight = new Set<FakeRequest>();
  let done: Promise<number> | undefined;
  // Set while shutting down: called each time a request leaves the set.
  let onDrained: (() => void) | undefined;

  server.onRequest((request) => {
    // close() only stops new connections; keep-alive clients can still send requests, so refuse them here.
    if (done) {
      request.respond(503, 'shutting down');
      return;
    }
    inFlight.add(request);
    // Not awaited: the handler returns at once and the next request is served concurrently.
    app(request)
      .catch(() => {}) // a failed request has still finished; the app answers its own errors
      .finally(() => {
        inFlight.delete(request);
        if (inFlight.size === 0) onDrained?.();
      });
  });

  function shutdown(): Promise<number> {
    // A second SIGTERM (or a signal plus an error) must not start a second shutdown.
    if (done) return done;
    done = new Promise<number>((resolve) => {
      server.close();
      if (inFlight.size === 0) {
        resolve(0);
        return;
      }
      const timer = setTimeout(() => {
        // The grace period is over: cut off what is left rather than hang for ever.
        for (const request of inFlight) request.destroy();
        inFlight.clear();
        onDrained = undefined;
        resolve(1);
      }, graceMs);
      onDrained = () => {
        clearTimeout(timer); // resolving early must not leave the grace timer holding the process open
        onDrained = undefined;
        resolve(0);
      };
    });
    return done;
  }

  return { shutdown };
}
