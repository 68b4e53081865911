import { describe, expect, test } from 'vitest';
import { lazy } from '#subject/lazy.ts';

/**
 * A piece of work that counts its calls and settles when the test says so. Every call settles the same way,
 * also calls made after the outcome is known, so a solution that re-runs the work fails on the count, not a hang.
 */
function controllable<T>() {
  let calls = 0;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  const waiting: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const work = () => {
    calls++;
    return new Promise<T>((resolve, reject) => {
      if (!outcome) waiting.push({ resolve, reject });
      else if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  };
  const settleAll = (result: NonNullable<typeof outcome>) => {
    outcome = result;
    for (const w of waiting.splice(0)) {
      if (result.ok) w.resolve(result.value);
      else w.reject(result.error);
    }
  };
  return { work, calls: () => calls, finish: (value: T) => settleAll({ ok: true, value }), fail: (error: unknown) => settleAll({ ok: false, error }) };
}

/** Lets every queued microtask run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('1. Do nothing until awaited', () => {
  test('lazy(work) does not call work', async () => {
    const w = controllable<number>();
    lazy(w.work);
    await settle();
    expect(w.calls(), 'calls of work after lazy(work) and a turn of the event loop').toBe(0);
  });

  test('started is false before the first await', () => {
    const task = lazy(controllable<number>().work);
    expect(task.started, 'task.started before any await').toBe(false);
  });
});

describe('2. Start on the first await and resolve with the result', () => {
  test('awaiting the task runs work and resolves with its result', async () => {
    const w = controllable<string>();
    const task = lazy(w.work);
    const result = (async () => await task)();
    await settle();
    expect(w.calls(), 'calls of work once the task is awaited').toBe(1);
    expect(task.started, 'task.started once awaited').toBe(true);
    w.finish('report');
    await expect(result, 'what await task gives').resolves.toBe('report');
  });

  test('calling then() starts the work before then() returns', () => {
    const w = controllable<number>();
    const task = lazy(w.work);
    task.then(() => {});
    expect(w.calls(), 'calls of work right after task.then(...) returned').toBe(1);
  });

  test('then() returns a promise of what its callback returns', async () => {
    const w = controllable<number>();
    const doubled = lazy(w.work).then((n) => n * 2);
    w.finish(21);
    await expect(Promise.resolve(doubled), 'task.then((n) => n * 2) after work resolved with 21').resolves.toBe(42);
  });
});

describe('3. Run the work once, however often it is awaited', () => {
  test('two awaits, one after the other, run work once and get the same result', async () => {
    const w = controllable<{ id: number }>();
    const task = lazy(w.work);
    const first = (async () => await task)();
    await settle();
    w.finish({ id: 7 });
    const a = await first;
    const b = await task;
    expect(w.calls(), 'calls of work after awaiting twice').toBe(1);
    expect(b, 'the second await gives the very same object as the first').toBe(a);
  });

  test('two awaits at the same time run work once', async () => {
    const w = controllable<number>();
    const task = lazy(w.work);
    const both = Promise.all([(async () => await task)(), (async () => await task)()]);
    await settle();
    w.finish(5);
    await expect(both, 'two concurrent awaits').resolves.toEqual([5, 5]);
    expect(w.calls(), 'calls of work with two concurrent awaits').toBe(1);
  });
});

describe('4. Pass failures on', () => {
  test('a rejection reaches every awaiter and the work is not run again', async () => {
    const w = controllable<number>();
    const task = lazy(w.work);
    const first = (async () => await task)();
    await settle();
    w.fail(new Error('disk full'));
    await expect(first, 'first await after work rejected').rejects.toThrow('disk full');
    await expect((async () => await task)(), 'second await after work rejected').rejects.toThrow('disk full');
    expect(w.calls(), 'calls of work after two awaits of a failed task').toBe(1);
  });

  test('a synchronous throw in work becomes a rejection, not an exception from then()', async () => {
    let calls = 0;
    const task = lazy<number>(() => {
      calls++;
      throw new Error('bad input');
    });
    let thrown: unknown;
    let outcome: Promise<unknown> | undefined;
    try {
      outcome = Promise.resolve(task.then((v) => v));
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'task.then(...) must not throw, even when work throws').toBeUndefined();
    await expect(outcome, 'the promise task.then(...) returned').rejects.toThrow('bad input');
    await expect((async () => await task)(), 'a later await').rejects.toThrow('bad input');
    expect(calls, 'calls of work: the failure is remembered, not retried').toBe(1);
  });
});
