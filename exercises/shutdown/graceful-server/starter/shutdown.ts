import type { FakeRequest, FakeServer } from './support/server.ts';

/** Answers one request (it calls request.respond) and settles when it is done. */
export type App = (request: FakeRequest) => Promise<void>;

/**
 * Serves `server`'s requests with `app` and returns `shutdown()`, which: closes the server, answers new requests
 * with 503, waits up to `graceMs` for the requests in flight, destroys those still going after that, and resolves
 * with the exit code: 0 if every request finished, 1 if some had to be destroyed.
 *
 * @example
 *   const { shutdown } = createShutdown(server, app, 10_000);
 *   process.once('SIGTERM', async () => { process.exitCode = await shutdown(); });
 */
export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  throw new Error('TODO: install a request handler, then write shutdown()');
}
