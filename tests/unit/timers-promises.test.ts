// The grading workspace's node:timers/promises (src/lib/grading/in-vitest/timers-promises.ts) must behave as Node's
// own module, and, unlike Node's, run on Vitest's fake clock: graders fake timers, and learners sleep with it.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { getEventListeners } from 'node:events';
import * as real from 'node:timers/promises';
import * as shim from '../../src/lib/grading/in-vitest/timers-promises.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** How a promise settled, as comparable data. */
async function outcome(promise: Promise<unknown>) {
  try {
    return { value: await promise };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { name: e.name, message: e.message, code: e.code, cause: e.cause, isError: e instanceof Error };
  }
}

describe.each([
  ['Node', real],
  ['shim', shim],
] as const)('%s', (_label, timers) => {
  test('setTimeout and setImmediate resolve with the value', async () => {
    expect(await timers.setTimeout(5, 'later')).toBe('later');
    expect(await timers.setImmediate('soon')).toBe('soon');
  });
});

describe('the shim settles as Node does', () => {
  const reason = new Error('user cancelled');
  test('a signal aborted before the call', async () => {
    const signal = AbortSignal.abort(reason);
    expect(await outcome(shim.setTimeout(10, 'x', { signal }))).toEqual(await outcome(real.setTimeout(10, 'x', { signal })));
    expect(await outcome(shim.setImmediate('x', { signal }))).toEqual(await outcome(real.setImmediate('x', { signal })));
  });

  test('a signal aborted during the wait, and no listener left behind either way', async () => {
    const run = async (timers: typeof real | typeof shim) => {
      const controller = new AbortController();
      const waiting = timers.setTimeout(1000, 'x', { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 5);
      const result = await outcome(waiting);
      const done = new AbortController();
      await timers.setTimeout(1, 'y', { signal: done.signal });
      return { result, listenersAfterAbort: getEventListeners(controller.signal, 'abort').length, listenersAfterFiring: getEventListeners(done.signal, 'abort').length };
    };
    expect(await run(shim)).toEqual(await run(real));
  });

  test('setInterval yields on each tick and stops its timer when the loop ends', async () => {
    const ticks = async (timers: typeof real | typeof shim) => {
      const seen: string[] = [];
      for await (const v of timers.setInterval(2, 'tick')) {
        seen.push(v);
        if (seen.length === 3) break;
      }
      return seen;
    };
    expect(await ticks(shim)).toEqual(await ticks(real));
  });
});

describe('on the fake clock', () => {
  test("the shim's sleeps move with vi.advanceTimersByTime; Node's own do not", async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const log: string[] = [];
    void shim.setTimeout(100, 'shim').then((v) => log.push(`${Date.now() - start} ${v}`));
    // Node's own sleep of 100 virtual ms waits 10 real seconds here: it never sees the fake clock.
    const stop = new AbortController();
    const node = real.setTimeout(10_000, 'node', { signal: stop.signal }).then((v) => log.push(`${Date.now() - start} ${v}`), () => log.push('node: still waiting'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toEqual(['100 shim']);
    stop.abort();
    await node;
    expect(log).toEqual(['100 shim', 'node: still waiting']);
  });

  test('an interval on the fake clock leaves no timer once the loop ends', async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const start = Date.now();
    const loop = (async () => {
      for await (const _ of shim.setInterval(50)) {
        seen.push(Date.now() - start);
        if (seen.length === 3) break;
      }
    })();
    await vi.advanceTimersByTimeAsync(200);
    await loop;
    expect(seen).toEqual([50, 100, 150]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
