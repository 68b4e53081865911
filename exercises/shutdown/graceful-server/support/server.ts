/**
 * A fake HTTP server for the exercise, driven by the grader. It behaves like Node's http.Server where it matters:
 * close() stops new connections, but a client on a connection that is already open (keep-alive) can still send
 * requests, so those reach the handler after close() too. Everything that happens is written to a shared log.
 */
export class FakeRequest {
  readonly id: string;
  /** The status of the response, once there is one. */
  status: number | undefined;
  body: string | undefined;
  /** True once destroy() cut the connection. */
  destroyed = false;
  private readonly log: string[];

  constructor(id: string, log: string[]) {
    this.id = id;
    this.log = log;
  }

  /** True once the request got a response or was destroyed. */
  get finished(): boolean {
    return this.status !== undefined || this.destroyed;
  }

  /** Sends the response. A second response, or one after destroy(), is a bug and is logged as one. */
  respond(status: number, body: string): void {
    if (this.finished) {
      this.log.push(`${this.id} ERROR respond after finish`);
      return;
    }
    this.status = status;
    this.body = body;
    this.log.push(`${this.id} ${status}`);
  }

  /** Cuts the connection without a response, as server.closeAllConnections() would. */
  destroy(): void {
    if (this.finished) {
      this.log.push(`${this.id} ERROR destroy after finish`);
      return;
    }
    this.destroyed = true;
    this.log.push(`${this.id} destroyed`);
  }
}

export type RequestHandler = (request: FakeRequest) => void;

export class FakeServer {
  /** How many times close() was called. */
  closeCalls = 0;
  private handler: RequestHandler | undefined;
  private readonly log: string[];

  constructor(log: string[]) {
    this.log = log;
  }

  /** Installs the one request handler, like server.on('request', handler). */
  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  /** Stops accepting new connections, like http.Server's close(). */
  close(): void {
    this.closeCalls++;
    this.log.push('server closed');
  }

  /** Used by the grader: a request arrives (on a keep-alive connection, it may arrive after close()). */
  deliver(id: string): FakeRequest {
    if (!this.handler) throw new Error('no request handler was installed with server.onRequest(...)');
    const request = new FakeRequest(id, this.log);
    this.log.push(`${id} arrives`);
    this.handler(request);
    return request;
  }
}
