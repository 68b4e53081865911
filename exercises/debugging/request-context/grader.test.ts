import { describe, expect, test } from 'vitest';
import { EventEmitter } from 'node:events';
import { bindToRequest, createLogger, currentRequest, withRequest } from '#subject/context.ts';

// Requests are interleaved with gates: promises the test opens in an order it chooses, so the order of every
// line is fixed and no timing is involved. (Fake timers are not used on purpose: a fake timer's callback runs
// inside the test's own call to advance the clock, so it would see the test's context, not the request's.)

interface Gate {
  promise: Promise<void>;
  open: () => void;
}
function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves from a real 0 ms timer, so whatever awaits it continues in a later turn of the event loop. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A logger writing into an array. */
function recorder() {
  const lines: string[] = [];
  return { lines, logger: createLogger((line) => lines.push(line)) };
}

describe('1. Remember the request across awaits', () => {
  test('withRequest returns what fn returns', async () => {
    expect(withRequest('r1', () => 42), "withRequest('r1', () => 42)").toBe(42);
    await expect(withRequest('r1', async () => 'done'), "withRequest('r1', async () => 'done')").resolves.toBe('done');
  });

  test('inside fn currentRequest() is the id; outside any request it is undefined', () => {
    expect(currentRequest(), 'currentRequest() outside any request').toBeUndefined();
    expect(withRequest('r2', () => currentRequest()), "currentRequest() inside withRequest('r2', ...)").toBe('r2');
  });

  test('the caller does not see the id after withRequest returns', async () => {
    withRequest('r3', () => 'sync work');
    expect(currentRequest(), "currentRequest() in the caller, after withRequest('r3', () => ...) returned").toBeUndefined();
    await withRequest('r4', async () => {
      await null;
    });
    expect(currentRequest(), "currentRequest() in the caller, after awaiting withRequest('r4', async () => ...)").toBeUndefined();
  });

  test('the id survives an await', async () => {
    const after = await withRequest('r5', async () => {
      await nextTurn();
      return currentRequest();
    });
    expect(after, "currentRequest() after an await inside withRequest('r5', ...)").toBe('r5');
  });

  test('two requests in flight each keep their own id', async () => {
    const gates: Record<string, Gate> = { a: gate(), b: gate() };
    const seen: string[] = [];
    const run = (id: string) =>
      withRequest(id, async () => {
        seen.push(`${id} starts, sees ${currentRequest()}`);
        await gates[id]!.promise;
        seen.push(`${id} resumes, sees ${currentRequest()}`);
      });
    const a = run('a');
    const b = run('b');
    gates['b']!.open();
    await b;
    gates['a']!.open();
    await a;
    expect(seen.join(' | '), 'what each request saw: a starts, b starts, b resumes first, then a').toBe(
      'a starts, sees a | b starts, sees b | b resumes, sees b | a resumes, sees a',
    );
  });

  test('timer and setImmediate callbacks started in a request see its id', async () => {
    const fromTimer = withRequest('t1', () => new Promise((resolve) => setTimeout(() => resolve(currentRequest()), 0)));
    const fromImmediate = withRequest('t2', () => new Promise((resolve) => setImmediate(() => resolve(currentRequest()))));
    expect(await fromTimer, "currentRequest() in a setTimeout callback scheduled inside withRequest('t1', ...)").toBe('t1');
    expect(await fromImmediate, "currentRequest() in a setImmediate callback scheduled inside withRequest('t2', ...)").toBe('t2');
  });

  test('a nested request has its own id, and the outer id comes back after it', async () => {
    const seen = await withRequest('outer', async () => {
      const inner = await withRequest('inner', async () => {
        await nextTurn();
        return currentRequest();
      });
      return { inner, outerAfterwards: currentRequest() };
    });
    expect(seen, "ids seen inside withRequest('inner', ...) nested in withRequest('outer', ...), and in outer after it").toEqual({
      inner: 'inner',
      outerAfterwards: 'outer',
    });
  });
});

describe('2. Prefix every log line', () => {
  test('outside any request the prefix is [-]', () => {
    const { lines, logger } = recorder();
    logger.info('server started');
    expect(lines, "lines after logger.info('server started') outside any request").toEqual(['[-] server started']);
  });

  test('each line carries the id of the request that wrote it, across awaits and timers', async () => {
    const { lines, logger } = recorder();
    const gates: Record<string, Gate> = { 'req-1': gate(), 'req-2': gate() };
    const handle = (id: string) =>
      withRequest(id, async () => {
        logger.info('received');
        await gates[id]!.promise;
        logger.info('loaded user');
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            logger.info('timer fired');
            resolve();
          }, 0),
        );
        logger.info('sent response');
      });
    const one = handle('req-1');
    const two = handle('req-2');
    gates['req-2']!.open();
    await two;
    gates['req-1']!.open();
    await one;
    logger.info('idle');
    expect(lines.join(' | '), 'the log of two interleaved requests (req-2 finishes first)').toBe(
      [
        '[req-1] received',
        '[req-2] received',
        '[req-2] loaded user',
        '[req-2] timer fired',
        '[req-2] sent response',
        '[req-1] loaded user',
        '[req-1] timer fired',
        '[req-1] sent response',
        '[-] idle',
      ].join(' | '),
    );
  });

  test('the id is read when a line is written, not when the logger is made', () => {
    const { lines, logger } = withRequest('made-here', () => recorder());
    withRequest('used-here', () => logger.info('hello'));
    expect(lines, "a logger created in request 'made-here' and used in request 'used-here'").toEqual(['[used-here] hello']);
  });
});

describe('3. Keep the request in callbacks run elsewhere', () => {
  test('a callback queued in a request runs as that request, whoever runs the queue', () => {
    const { lines, logger } = recorder();
    const queue: (() => void)[] = [];
    withRequest('a', () => queue.push(bindToRequest(() => logger.info('job queued by a'))));
    withRequest('b', () => queue.push(bindToRequest(() => logger.info('job queued by b'))));
    // A worker, running as its own request, drains the queue.
    withRequest('worker', () => {
      for (const job of queue) job();
    });
    expect(lines.join(' | '), "the lines of two bound jobs, queued in requests 'a' and 'b' and run by request 'worker'").toBe(
      '[a] job queued by a | [b] job queued by b',
    );
  });

  test('an EventEmitter listener bound in a request keeps that request', () => {
    const { lines, logger } = recorder();
    const bus = new EventEmitter();
    withRequest('subscriber', () => bus.on('job', bindToRequest((name: string) => logger.info(`got ${name}`))));
    withRequest('publisher', () => bus.emit('job', 'invoice'));
    expect(
      lines,
      "a listener added with bindToRequest in request 'subscriber', the event emitted in request 'publisher' (a plain listener runs as the emitter's caller)",
    ).toEqual(['[subscriber] got invoice']);
  });

  test('the bound function passes its arguments and returns the result', () => {
    const bound = withRequest('c', () => bindToRequest((x: number, y: number) => `${currentRequest()}:${x + y}`));
    expect(bound(2, 3), "bound(2, 3) for bindToRequest((x, y) => `${currentRequest()}:${x + y}`) in request 'c'").toBe('c:5');
  });

  test('a callback bound outside any request runs outside any request', () => {
    const bound = bindToRequest(() => currentRequest());
    expect(withRequest('z', () => bound()), "currentRequest() in a callback bound outside any request, called in request 'z'").toBeUndefined();
  });
});
