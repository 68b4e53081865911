import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { connect, type RpcClient } from '#subject/rpc-client.ts';

/** The value itself, or `words` when it has the expected form: a failure then shows words, never a pattern. */
const inForm = (value: unknown, pattern: RegExp, words: string): unknown => (typeof value === 'string' && pattern.test(value) ? words : value);

// Each test starts the service of support/service.mjs in a worker thread and records what it reports on its
// parent port ('connected' / 'closed' per client). The checks read replies and those reports; nothing is timed.
// Waits are bounded only so that a hang fails with a message instead of the test's timeout.

interface ServiceEvent {
  type: 'connected' | 'closed';
  client: number;
}

let worker: Worker;
let events: ServiceEvent[];
let clients: RpcClient[];

beforeEach(() => {
  worker = new Worker(new URL('./subject/support/service.mjs', import.meta.url));
  events = [];
  clients = [];
  worker.on('message', (event: ServiceEvent) => events.push(event));
});

afterEach(async () => {
  for (const client of clients) {
    try {
      client.close();
    } catch {
      // A broken close() is reported by its own test.
    }
  }
  await worker.terminate();
  // Ports close on a later turn of the loop; let them, so that the next test starts clean.
  await turns(3);
});

/** connect(worker), remembered so that afterEach closes it. */
function open(): RpcClient {
  let client: RpcClient | undefined;
  expect(() => {
    client = connect(worker);
  }, 'connect(worker) should not throw').not.toThrow();
  expect(typeof client?.call, 'the type of client.call').toBe('function');
  clients.push(client!);
  return client!;
}

/** Waits for `promise`, failing with `message` if it is still pending after `ms` ms: a hang detector. */
async function within<T>(promise: Promise<T>, message: string, ms = 4000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when the service has reported `type` for `client`. */
function serviceReports(type: ServiceEvent['type'], client: number): Promise<void> {
  const seen = () => events.some((e) => e.type === type && e.client === client);
  if (seen()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      if (!seen()) return;
      worker.off('message', listener);
      resolve();
    };
    worker.on('message', listener);
  });
}

/** Calls client.call the way a caller would: it must return a promise, not throw. */
function call(client: RpcClient, method: string, args?: unknown[], transfer?: ArrayBuffer[]): Promise<unknown> {
  let promise: Promise<unknown> | undefined;
  expect(() => {
    promise = transfer ? client.call(method, args, transfer) : args ? client.call(method, args) : client.call(method);
  }, `client.call('${method}', ...) should return a promise, not throw`).not.toThrow();
  expect(promise, `what client.call('${method}', ...) returned`).toBeInstanceOf(Promise);
  // Marked as handled at once: a call that rejects before the test looks at it is not an unhandled rejection.
  promise!.catch(() => {});
  return promise!;
}

/** How a promise settled, as one readable line; waits for it at most 4 s. */
async function outcome(promise: Promise<unknown>, what: string): Promise<string> {
  return within(
    promise.then(
      (value) => `resolved with ${JSON.stringify(value)}`,
      (error: unknown) => `rejected with ${error instanceof Error || error instanceof DOMException ? `${error.name}: ${error.message}` : String(error)}`,
    ),
    `${what} never settled`,
  );
}

/** Lets the event loop go round `n` times. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('1. Open a private channel', () => {
  test('connect hands the worker a port of its own: the service reports a connected client', async () => {
    open();
    await within(
      serviceReports('connected', 1),
      "the service never reported a connected client: post { type: 'connect', port } to the worker, with the port in the transfer list",
    );
  });

  test('call resolves with the result of the method', async () => {
    const client = open();
    expect(await outcome(call(client, 'add', [2, 3]), "client.call('add', [2, 3])"), "client.call('add', [2, 3])").toBe('resolved with 5');
    expect(await outcome(call(client, 'upper', ['abc']), "client.call('upper', ['abc'])"), "client.call('upper', ['abc'])").toBe('resolved with "ABC"');
  });

  test('args default to an empty list', async () => {
    const client = open();
    expect(await outcome(call(client, 'release'), "client.call('release')"), "client.call('release') with nothing held").toBe('resolved with 0');
  });
});

describe('2. Match each reply to its request', () => {
  test('replies that come back newest first still reach their own calls', async () => {
    const client = open();
    const a = call(client, 'hold', ['a']);
    const b = call(client, 'hold', ['b']);
    const c = call(client, 'hold', ['c']);
    const released = call(client, 'release');
    const got = await Promise.all([a, b, c, released].map((p, i) => outcome(p, `call ${i + 1}`)));
    expect(
      got,
      "results of hold('a'), hold('b'), hold('c'), release(); the service replies c, b, a, then release: match replies by id, not by arrival order",
    ).toEqual(['resolved with "a"', 'resolved with "b"', 'resolved with "c"', 'resolved with 3']);
  });

  test('two clients of one service each get only their own replies', async () => {
    const one = open();
    const two = open();
    const heldByOne = call(one, 'hold', ['for one']);
    const heldByTwo = call(two, 'hold', ['for two']);
    const releasedTwo = call(two, 'release');
    expect(await outcome(heldByTwo, "two.call('hold', ['for two'])"), "two.call('hold', ['for two']) after two released").toBe('resolved with "for two"');
    expect(await outcome(releasedTwo, "two.call('release')"), "two.call('release')").toBe('resolved with 1');
    const releasedOne = call(one, 'release');
    expect(await outcome(heldByOne, "one.call('hold', ['for one'])"), "one.call('hold', ['for one']) after one released").toBe('resolved with "for one"');
    expect(await outcome(releasedOne, "one.call('release')"), "one.call('release')").toBe('resolved with 1');
  });

  test('twenty calls in flight at once each get their own result', async () => {
    const client = open();
    const calls = Array.from({ length: 20 }, (_, i) => call(client, 'add', [i, 100]));
    const got = await within(Promise.all(calls), 'the twenty calls did not all settle');
    expect(got, "results of client.call('add', [i, 100]) for i = 0..19").toEqual(Array.from({ length: 20 }, (_, i) => i + 100));
  });
});

describe('3. Report errors', () => {
  test('rejects with an Error carrying the reply’s error message, and keeps working', async () => {
    const client = open();
    expect(await outcome(call(client, 'fail', ['bad things']), "client.call('fail', ['bad things'])"), "client.call('fail', ['bad things'])").toBe(
      'rejected with Error: bad things',
    );
    expect(await outcome(call(client, 'nope'), "client.call('nope')"), "client.call('nope'), a method the service does not have").toBe(
      'rejected with Error: no method named nope',
    );
    expect(await outcome(call(client, 'add', [1, 1]), "client.call('add', [1, 1])"), "client.call('add', [1, 1]) after two failed calls").toBe('resolved with 2');
  });

  test('an argument that cannot be cloned rejects the call (a DataCloneError), not the caller', async () => {
    const client = open();
    const got = await outcome(call(client, 'add', [() => 1, 2]), "client.call('add', [() => 1, 2])");
    expect(inForm(got, /^rejected with DataCloneError: /, 'rejected with a DataCloneError'), "client.call('add', [() => 1, 2]): a function cannot be cloned").toBe('rejected with a DataCloneError');
    expect(await outcome(call(client, 'add', [1, 2]), "client.call('add', [1, 2])"), "client.call('add', [1, 2]) after the failed one").toBe('resolved with 3');
  });

  test('calls still waiting reject when the worker exits', async () => {
    const client = open();
    const held = call(client, 'hold', ['never released']);
    expect(await outcome(call(client, 'add', [0, 0]), "client.call('add', [0, 0])"), "client.call('add', [0, 0])").toBe('resolved with 0');
    await worker.terminate();
    const got = await outcome(
      held,
      "a call still waiting when the worker exited. Its port's 'close' event tells you the other end is gone: reject what is still waiting",
    );
    expect(inForm(got, /^rejected with /, 'rejected (with an error)'), "a held call, after the service's worker exited").toBe('rejected (with an error)');
  });
});

describe('4. Move buffers with a transfer list', () => {
  test('a buffer in the transfer list is moved: the caller’s copy is detached (byteLength 0)', async () => {
    const client = open();
    const buffer = new Float64Array([1.5, 2.5, 3]).buffer;
    const sum = call(client, 'sum', [buffer], [buffer]);
    expect(buffer.byteLength, "buffer.byteLength right after client.call('sum', [buffer], [buffer]): pass transfer to postMessage").toBe(0);
    expect(await outcome(sum, "client.call('sum', [buffer], [buffer])"), "client.call('sum', [buffer], [buffer])").toBe('resolved with 7');
  });

  test('a buffer not in the transfer list is copied: the caller keeps it', async () => {
    const client = open();
    const buffer = new Float64Array([1, 2, 3, 4]).buffer;
    const sum = call(client, 'sum', [buffer]);
    expect(buffer.byteLength, "buffer.byteLength right after client.call('sum', [buffer]) (no transfer list)").toBe(32);
    expect(await outcome(sum, "client.call('sum', [buffer])"), "client.call('sum', [buffer])").toBe('resolved with 10');
  });
});

describe('5. Close the channel', () => {
  test("close() closes the port: it no longer keeps the process alive, and the service sees its end close", async () => {
    const openPorts = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    await turns(3); // whatever earlier tests closed is gone by now
    const before = openPorts();
    const client = open();
    await within(serviceReports('connected', 1), 'the service never reported a connected client');
    expect(() => client.close(), 'client.close() should not throw').not.toThrow();
    await turns(3);
    expect(
      openPorts() - before,
      "MessagePorts still open in this process after client.close() (process.getActiveResourcesInfo()). Call close() " +
        "on your port: an open port with a 'message' listener keeps a Node process from exiting",
    ).toBeLessThanOrEqual(0);
    await within(serviceReports('closed', 1), "the service never saw client 1's port close after client.close()");
  });

  test('close() rejects calls still waiting, and later calls reject', async () => {
    const client = open();
    const held = call(client, 'hold', ['x']);
    client.close();
    await turns(2);
    expect(inForm(await outcome(held, 'a call waiting when close() was called'), /^rejected with /, 'rejected (with an error)'), 'a held call, after client.close()').toBe('rejected (with an error)');
    expect(inForm(await outcome(call(client, 'add', [1, 2]), "client.call('add', [1, 2]) after close()"), /^rejected with /, 'rejected (with an error)'), "client.call('add', [1, 2]) after close()").toBe('rejected (with an error)');
  });

  test('closing one client leaves another working', async () => {
    const one = open();
    const two = open();
    one.close();
    expect(await outcome(call(two, 'add', [4, 5]), "two.call('add', [4, 5])"), "two.call('add', [4, 5]) after one.close()").toBe('resolved with 9');
  });
});
