/**
 * A fake remote service for trying your code and for the grader. `request(name)` takes a fixed number of
 * milliseconds per name (a `setTimeout`, so under fake timers the time is virtual), and it keeps count of how
 * many requests are running at once. Nothing here is random.
 */
export interface FakeService {
  /** Resolves with `result:<name>` after the name's delay, or rejects with an Error if the name is failing. */
  request(name: string): Promise<string>;
  /** Requests started and not finished yet. */
  readonly inFlight: number;
  /** The highest `inFlight` has been so far. */
  readonly maxInFlight: number;
  /** What happened, in order, each line prefixed with the time since the service was created: `100 done a`. */
  readonly events: readonly string[];
}

export interface FakeServiceOptions {
  /** Names whose request rejects (after its delay) instead of resolving. */
  failing?: readonly string[];
}

/** Creates a service in which a request for `name` takes `delays[name]` ms (0 for a name not listed). */
export function createFakeService(delays: Readonly<Record<string, number>>, options: FakeServiceOptions = {}): FakeService {
  const startedAt = Date.now();
  const failing = new Set(options.failing ?? []);
  const events: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const now = () => Date.now() - startedAt;
  return {
    request(name: string): Promise<string> {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      events.push(`${now()} start ${name}`);
      return new Promise<string>((resolve, reject) => {
        setTimeout(() => {
          inFlight--;
          if (failing.has(name)) {
            events.push(`${now()} fail ${name}`);
            reject(new Error(`request for ${name} failed`));
          } else {
            events.push(`${now()} done ${name}`);
            resolve(`result:${name}`);
          }
        }, delays[name] ?? 0);
      });
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    events,
  };
}
