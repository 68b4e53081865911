import { afterEach, chai, describe, expect, test } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { lock, transfer, unlock, withLock } from '#subject/lock.ts';
import { startThread, startWorker } from '#support/in-thread.ts';

// Two kinds of check. Tests that name "threads" run your code in real worker threads; whether a broken lock shows
// there depends on timing, so each of those is paired with a deterministic test. Those run on this thread and
// replace the Atomics functions with versions that record every call and can play a pretend "other thread": it
// may take the lock between two of your calls, and when you Atomics.wait while it holds the lock, it finishes and
// unlocks instead of letting this thread sleep. (This thread never really sleeps: a wait that nobody could ever end
// fails the test instead.)
chai.config.truncateThreshold = 0;

const NAMES = ['add', 'and', 'compareExchange', 'exchange', 'load', 'notify', 'or', 'store', 'sub', 'wait', 'xor'] as const;
type AtomicsName = (typeof NAMES)[number];
type AnyFunction = (...args: unknown[]) => unknown;
const atomics = Atomics as unknown as Record<AtomicsName, AnyFunction>;
const REAL = Object.fromEntries(NAMES.map((name) => [name, atomics[name]])) as Record<AtomicsName, AnyFunction>;
const real = {
  load: (view: Int32Array, i: number) => REAL.load.call(Atomics, view, i) as number,
  store: (view: Int32Array, i: number, v: number) => REAL.store.call(Atomics, view, i, v) as number,
  notify: (view: Int32Array, i: number) => REAL.notify.call(Atomics, view, i) as number,
};

const shared = (n: number) => new Int32Array(new SharedArrayBuffer(n * 4));

interface AtomicsCall {
  name: AtomicsName;
  args: unknown[];
  /** The lock cell's value just before the call and just after it. */
  before: number;
  after: number;
}

/**
 * Replaces the Atomics functions. Before each call, `hook(name, args, n)` may act (n counts calls from 1) and may
 * return `{ result }` to answer the call instead of the real function.
 */
function patchAtomics(
  cells: Int32Array,
  index: number,
  hook: (name: AtomicsName, args: unknown[], n: number) => { result: unknown } | undefined = () => undefined,
): AtomicsCall[] {
  const calls: AtomicsCall[] = [];
  for (const name of NAMES) {
    atomics[name] = (...args: unknown[]) => {
      const call: AtomicsCall = { name, args, before: real.load(cells, index), after: 0 };
      calls.push(call);
      const answer = hook(name, args, calls.length);
      const result = answer ? answer.result : REAL[name].apply(Atomics, args);
      call.after = real.load(cells, index);
      return result;
    };
  }
  return calls;
}

/**
 * A pretend other thread that uses the lock in cells[index]. It takes the lock at the start (`holdsFromStart`) or
 * just before your n-th Atomics call (`takesBeforeCall`), if it is free then. When you Atomics.wait on the lock
 * while it holds it, it unlocks and your wait returns 'ok', as if its notify had woken you.
 */
function pretendRival(cells: Int32Array, index: number, options: { holdsFromStart?: boolean; takesBeforeCall?: number }) {
  const rival = { holds: false, took: 0, callsWhileHeld: 0, wokeYou: 0 };
  const take = () => {
    if (real.load(cells, index) === 0) {
      real.store(cells, index, 1);
      rival.holds = true;
      rival.took += 1;
    }
  };
  if (options.holdsFromStart) take();
  const calls = patchAtomics(cells, index, (name, args, n) => {
    if (n === options.takesBeforeCall && !rival.holds) take();
    if (name === 'wait' && args[0] === cells && args[1] === index) {
      const value = real.load(cells, index);
      if (value !== args[2]) return { result: 'not-equal' };
      if (rival.holds) {
        rival.holds = false;
        rival.wokeYou += 1;
        real.store(cells, index, 0);
        return { result: 'ok' };
      }
      if (typeof args[3] === 'number' && Number.isFinite(args[3])) return { result: 'timed-out' };
      throw new Error(
        `Atomics.wait(cells, ${index}, ${value}) was called while no other thread holds the lock: nothing would ever wake this thread`,
      );
    }
    if (rival.holds && ++rival.callsWhileHeld > 200) {
      throw new Error(
        'made 200 Atomics calls while another thread held the lock, without sleeping in Atomics.wait: a spinning ' +
          'thread burns a whole CPU core for as long as the lock is held',
      );
    }
    return undefined;
  });
  return { rival, calls };
}

const ASLEEP = Symbol('asleep');

/**
 * Plays two threads on this one: "you" take the lock with your lock(), then a second thread calls your lock() too.
 * Where a real thread would fall asleep (your Atomics.wait on the lock cell, while the cell holds the value you
 * pass), the second thread's lock() is stopped. Then you call your unlock(), and the result says whether it woke
 * the sleeper. Everything runs on the patched Atomics; nothing really waits.
 */
function sleeperScenario(cells: Int32Array, index: number) {
  patchAtomics(cells, index);
  lock(cells, index);
  let sleep: { value: unknown; timeout: unknown } | undefined;
  let calls = 0;
  patchAtomics(cells, index, (name, args) => {
    if (name === 'wait' && args[0] === cells && args[1] === index) {
      if (real.load(cells, index) !== args[2]) return { result: 'not-equal' };
      sleep = { value: args[2], timeout: args[3] };
      throw ASLEEP; // the second thread is asleep now: stop its lock() here
    }
    if (++calls > 200) {
      throw new Error(
        'made 200 Atomics calls while another thread held the lock, without sleeping in Atomics.wait: a spinning ' +
          'thread burns a whole CPU core for as long as the lock is held',
      );
    }
    return undefined;
  });
  let second: 'asleep' | 'returned' = 'returned';
  try {
    lock(cells, index);
  } catch (error) {
    if (error !== ASLEEP) throw error;
    second = 'asleep';
  }
  const cellWhileAsleep = real.load(cells, index);
  const unlockCalls = patchAtomics(cells, index);
  unlock(cells, index);
  const woke = unlockCalls.some((c) => {
    const count = c.args[2];
    return (
      c.name === 'notify' &&
      c.args[0] === cells &&
      c.args[1] === index &&
      (count === undefined || (typeof count === 'number' && count >= 1))
    );
  });
  const timed = typeof sleep?.timeout === 'number' && Number.isFinite(sleep.timeout);
  return { second, sleep, cellWhileAsleep, woke, timed };
}

/**
 * Says why a sleeping thread would never be woken, found without threads, or undefined when nothing is wrong (or
 * something else is, which other tests report). `sleeper` is who sleeps in the threaded test: the grader's thread,
 * which marks the cell 2 first ('grader'), or a thread running your own lock() ('yours'). Threaded tests check it
 * first, so that instead of waiting seconds for a thread that never wakes, they fail at once and say why.
 */
function missedWakeUp(sleeper: 'grader' | 'yours'): string | undefined {
  try {
    if (sleeper === 'grader') {
      const cells = shared(1);
      patchAtomics(cells, 0);
      lock(cells, 0);
      real.store(cells, 0, 2); // the grader's thread marks the cell "held, and someone is asleep" and sleeps
      const calls = patchAtomics(cells, 0);
      unlock(cells, 0);
      const woke = calls.some((c) => c.name === 'notify' && c.args[0] === cells && c.args[1] === 0);
      return woke ? undefined : 'your unlock() does not call Atomics.notify while a thread sleeps waiting for the lock';
    }
    const { second, sleep, woke, timed } = sleeperScenario(shared(1), 0);
    if (second === 'asleep' && !woke && !timed) {
      return `a thread that fell asleep in your own lock() (in Atomics.wait on value ${String(sleep?.value)}) is never woken by your unlock()`;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    for (const name of NAMES) atomics[name] = REAL[name];
  }
}

/** Fails at once, naming the cause, when a threaded test would only wait for a thread that never wakes. */
function expectNoMissedWakeUp(sleeper: 'grader' | 'yours'): void {
  const reason = missedWakeUp(sleeper);
  expect(
    reason === undefined ? 'every sleeper is woken' : reason,
    'checked without threads before starting them (a thread that is never woken would make this test wait for ' +
      'its time limit)',
  ).toBe('every sleeper is woken');
}

const running: Worker[] = [];
afterEach(async () => {
  for (const name of NAMES) atomics[name] = REAL[name];
  await Promise.all(running.splice(0).map((worker) => worker.terminate()));
});

/** Every message of a worker, in order; `next()` waits for the next one and throws if the thread failed. */
function inbox(worker: Worker) {
  const messages: unknown[] = [];
  let failure: unknown;
  let wake = () => {};
  worker.on('message', (message: unknown) => {
    messages.push(message);
    wake();
  });
  worker.on('error', (error: unknown) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code: number) => {
    failure ??= new Error(`the thread exited (code ${code}) before it replied`);
    wake();
  });
  return {
    async next(): Promise<unknown> {
      while (messages.length === 0) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return messages.shift();
    },
  };
}

/** Rejects with `what` if `promise` takes longer than `ms` real ms (a correct solution never gets near it). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits, one loop turn at a time, until `condition()` holds; rejects with `what` after `ms` real ms. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(what);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Runs `work` (JavaScript with `subject` = your module and `data`) in one thread per entry of `data`, all at once. */
async function inThreads(work: string, data: unknown[], ms: number, what: string): Promise<unknown[]> {
  const go = shared(1);
  const body = `
    const { go, data } = workerData;
    parentPort.postMessage('ready');
    Atomics.wait(go, 0, 0, 5000);
    parentPort.postMessage(((subject, data) => { ${work} })(subject, data) ?? 'done');
  `;
  const workers = await Promise.all(data.map((d) => startWorker('lock.ts', body, { go, data: d })));
  running.push(...workers);
  const inboxes = workers.map(inbox);
  await within(Promise.all(inboxes.map((box) => box.next())), 8000, 'the threads did not start within 8 s');
  real.store(go, 0, 1);
  real.notify(go, 0);
  return within(Promise.all(inboxes.map((box) => box.next())), ms, what);
}

// The grader's own lock, for its threads: the same protocol as yours (0 free, 1 held, 2 held with a thread asleep
// waiting). It marks the lock 2 before it sleeps, and its unlock always wakes a waiter.
const GRADER_LOCK = `
  function graderLock(cells, index) {
    let c = Atomics.compareExchange(cells, index, 0, 1);
    if (c === 0) return;
    if (c !== 2) c = Atomics.exchange(cells, index, 2);
    while (c !== 0) {
      Atomics.wait(cells, index, 2);
      c = Atomics.exchange(cells, index, 2);
    }
  }
  function graderUnlock(cells, index) {
    Atomics.store(cells, index, 0);
    Atomics.notify(cells, index, 1);
  }
`;

/** Starts one of the grader's threads (it does not use your code). */
function graderThread(script: string, workerData: unknown): { worker: Worker; box: ReturnType<typeof inbox> } {
  const worker = startThread(`${GRADER_LOCK}\n${script}`, workerData);
  running.push(worker);
  return { worker, box: inbox(worker) };
}

describe('1. Take the lock', () => {
  test('lock() takes a free lock: its cell becomes 1, with one atomic read-modify-write', () => {
    const cells = shared(3);
    const calls = patchAtomics(cells, 1);
    lock(cells, 1);
    expect([...cells], 'cells after lock(cells, 1) on a free lock').toEqual([0, 1, 0]);
    const onCell = calls.filter((c) => c.args[0] === cells && c.args[1] === 1).map((c) => c.name);
    const atomicTake = onCell.some((name) => name === 'compareExchange' || name === 'exchange');
    expect(
      atomicTake ? 'one atomic read-modify-write (compareExchange)' : `only ${onCell.join(', ') || 'no Atomics calls'}`,
      "lock()'s Atomics calls on the lock cell: a load that finds it free and a store that takes it are two steps, " +
        'and another thread can take the lock between them',
    ).toBe('one atomic read-modify-write (compareExchange)');
  });

  test('a thread taking the lock between your check and your set is not missed', () => {
    const cells = shared(1);
    // The other thread takes the lock just before your second Atomics call, if it is still free then.
    const { rival } = pretendRival(cells, 0, { takesBeforeCall: 2 });
    lock(cells, 0);
    expect(
      rival.holds ? 'both hold it' : 'only you hold it',
      'who holds the lock when lock() returns, after another thread took it right after your first Atomics call. ' +
        'A load that finds it free and a store that takes it are two steps, and the other thread got in between; ' +
        'compareExchange checks and takes in one',
    ).toBe('only you hold it');
    expect(real.load(cells, 0) !== 0 ? 'held' : 'free', 'the lock cell when lock() returns').toBe('held');
  });

  test('sleeps with Atomics.wait while another thread holds the lock, and takes it once it is free', () => {
    const cells = shared(1);
    const { rival, calls } = pretendRival(cells, 0, { holdsFromStart: true });
    lock(cells, 0);
    const waits = calls.filter((c) => c.name === 'wait' && c.args[0] === cells && c.args[1] === 0);
    expect(
      waits.length > 0 ? 'slept in Atomics.wait' : `never called Atomics.wait (its Atomics calls: ${calls.map((c) => c.name).join(', ')})`,
      'what lock() did while another thread held the lock',
    ).toBe('slept in Atomics.wait');
    expect(rival.wokeYou, 'times the other thread finished and woke you').toBe(1);
    expect(
      real.load(cells, 0) === 0 ? 'nobody holds it' : rival.holds ? 'both hold it' : 'only you hold it',
      'who holds the lock when lock() returns',
    ).toBe('only you hold it');
  });

  test('threads: a thread that finds the lock held waits until it is released', async () => {
    const cells = shared(3); // [lock, marker, go-ahead]
    // The grader's thread takes the lock and holds it until told to let go; just before unlocking, it sets the marker.
    const holder = graderThread(
      `const { cells } = workerData;
       graderLock(cells, 0);
       parentPort.postMessage('holding');
       Atomics.wait(cells, 2, 0, 8000);
       Atomics.store(cells, 1, 1);
       graderUnlock(cells, 0);`,
      { cells },
    );
    await within(holder.box.next(), 8000, "the grader's thread did not take the lock within 8 s");
    const yours = await startWorker('lock.ts', 'subject.lock(workerData.cells, 0); parentPort.postMessage(Atomics.load(workerData.cells, 1)); subject.unlock(workerData.cells, 0);', { cells });
    running.push(yours);
    const reply = inbox(yours).next();
    real.store(cells, 2, 1);
    real.notify(cells, 2);
    const marker = await within(reply, 8000, 'your thread did not get the lock within 8 s of it being released');
    expect(marker, 'the marker your thread saw once lock() returned (1 = the holder had already let go)').toBe(1);
  });
});

describe('2. Release the lock', () => {
  test('unlock() makes the lock free again', () => {
    const cells = shared(2);
    patchAtomics(cells, 0);
    lock(cells, 0);
    unlock(cells, 0);
    expect([...cells], 'cells after lock(cells, 0) then unlock(cells, 0)').toEqual([0, 0]);
    lock(cells, 0);
    expect(real.load(cells, 0), 'the lock cell after taking the lock a second time').toBe(1);
  });

  test('unlock() wakes a sleeping thread with Atomics.notify, after freeing the lock', () => {
    const cells = shared(1);
    const calls = patchAtomics(cells, 0);
    lock(cells, 0);
    // Another thread now wants the lock: it marks the cell 2 ("held, and someone is asleep") and sleeps.
    real.store(cells, 0, 2);
    unlock(cells, 0);
    const notifies = calls.filter((c) => c.name === 'notify' && c.args[0] === cells && c.args[1] === 0);
    expect(
      notifies.length > 0 ? 'called Atomics.notify' : `never called Atomics.notify (Atomics calls of lock() and then unlock(): ${calls.map((c) => c.name).join(', ') || 'none'})`,
      'what unlock() did while a thread slept waiting for the lock. Without Atomics.notify(cells, 0, 1) the sleeper ' +
        'is never woken',
    ).toBe('called Atomics.notify');
    const first = notifies[0]!;
    const count = first.args[2];
    expect(
      count === undefined || (typeof count === 'number' && count >= 1) ? 'wakes at least one' : `${String(count)}: wakes nobody`,
      'the count passed to Atomics.notify',
    ).toBe('wakes at least one');
    expect(first.before, 'the lock cell when unlock() called Atomics.notify (free it first, then wake)').toBe(0);
    expect(real.load(cells, 0), 'the lock cell after unlock()').toBe(0);
  });

  test('unlock() wakes a thread that went to sleep in your own lock()', () => {
    const cells = shared(1);
    const { second, sleep, cellWhileAsleep, woke, timed } = sleeperScenario(cells, 0);
    expect(
      second,
      'what your lock() did in a second thread while this thread held the lock (it must sleep in Atomics.wait ' +
        'until the holder lets go, not return)',
    ).toBe('asleep');
    expect(
      woke || timed ? 'woken' : 'never woken',
      `a second thread fell asleep in your lock() with Atomics.wait(cells, 0, ${String(sleep?.value)}) (the cell ` +
        `held ${cellWhileAsleep}); then the holder called your unlock(), which must wake it with ` +
        'Atomics.notify(cells, 0, 1). Lock and unlock must follow one protocol: an unlock that notifies only when ' +
        'the cell held 2 never wakes a lock that sleeps on 1 without first writing 2',
    ).toBe('woken');
  });

  test('threads: a thread asleep in lock() wakes up when you unlock', async () => {
    expectNoMissedWakeUp('grader');
    const cells = shared(1);
    real.store(cells, 0, 1); // your thread (this one) holds the lock
    const waiter = graderThread(
      `const { cells } = workerData;
       graderLock(cells, 0);
       parentPort.postMessage('acquired');
       graderUnlock(cells, 0);`,
      { cells },
    );
    // The grader's thread marks the cell 2 just before it goes to sleep.
    await until(() => real.load(cells, 0) === 2, 8000, "the grader's thread did not start waiting within 8 s");
    unlock(cells, 0);
    await within(
      waiter.box.next(),
      2000,
      'the thread waiting in lock() was still asleep 2 s after unlock(): unlock must wake it with Atomics.notify',
    );
  });
});

describe('3. Run code under the lock', () => {
  test('withLock returns what fn returns, holding the lock while fn runs', () => {
    const cells = shared(2);
    patchAtomics(cells, 1);
    let inside = -1;
    const value = withLock(cells, 1, () => {
      inside = real.load(cells, 1);
      return 'result';
    });
    expect(value, "what withLock(cells, 1, () => 'result') returned").toBe('result');
    expect(inside !== 0 ? 'held' : 'free', 'the lock cell seen from inside fn').toBe('held');
    expect(real.load(cells, 1), 'the lock cell after withLock returned').toBe(0);
  });

  test('withLock unlocks when fn throws, and lets the error through', () => {
    const cells = shared(1);
    patchAtomics(cells, 0);
    const boom = new Error('boom');
    let caught: unknown;
    try {
      withLock(cells, 0, () => {
        throw boom;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught, 'what withLock threw when fn threw boom').toBe(boom);
    expect(real.load(cells, 0), 'the lock cell after fn threw (a lock left held blocks every other thread forever)').toBe(0);
  });

  test('threads: two threads counting under the lock lose nothing', async () => {
    expectNoMissedWakeUp('yours');
    const cells = shared(2); // [lock, count]
    const work = `
      const cells = data.cells;
      for (let i = 0; i < 5000; i++) subject.withLock(cells, 0, () => { cells[1] = cells[1] + 1; });
    `;
    await inThreads(work, [{ cells }, { cells }], 4000, 'the two threads did not finish within 4 s: is one of them asleep in lock() with nobody to wake it?');
    expect(real.load(cells, 1), 'the count after two threads each did 5000 plain increments inside withLock').toBe(10000);
    expect(real.load(cells, 0), 'the lock cell afterwards').toBe(0);
  });
});

describe('4. Move money between accounts', () => {
  test('moves the amount and returns true when there is enough', () => {
    const cells = shared(3); // [lock, account A, account B]
    patchAtomics(cells, 0);
    real.store(cells, 1, 100);
    real.store(cells, 2, 50);
    expect(transfer(cells, 0, 1, 2, 30), 'transfer 30 from A (100) to B (50)').toBe(true);
    expect([...cells], 'cells [lock, A, B] afterwards').toEqual([0, 70, 80]);
  });

  test('returns false and changes nothing when there is not enough', () => {
    const cells = shared(3);
    patchAtomics(cells, 0);
    real.store(cells, 1, 20);
    real.store(cells, 2, 50);
    expect(transfer(cells, 0, 1, 2, 30), 'transfer 30 from A (20) to B (50)').toBe(false);
    expect([...cells], 'cells [lock, A, B] afterwards (the lock must be released too)').toEqual([0, 20, 50]);
  });

  test('changes the accounts only while holding the lock', () => {
    const cells = shared(3);
    real.store(cells, 1, 100);
    real.store(cells, 2, 0);
    const snapshots: string[] = [];
    const calls = patchAtomics(cells, 0, (_name, _args, _n) => {
      snapshots.push(`${real.load(cells, 1)}/${real.load(cells, 2)}`);
      return undefined;
    });
    transfer(cells, 0, 1, 2, 40);
    const taken = calls.findIndex((c) => c.before === 0 && c.after !== 0);
    const freed = calls.findLastIndex((c) => c.before !== 0 && c.after === 0);
    expect(
      taken < 0 ? 'never took the lock' : freed > taken ? 'took the lock and released it' : 'took the lock and never released it',
      'what transfer did with the lock in cells[0]',
    ).toBe('took the lock and released it');
    expect(snapshots[taken], 'accounts A/B when the lock was taken (nothing may have moved yet)').toBe('100/0');
    expect(snapshots[freed], 'accounts A/B when the lock was released (everything must have moved already)').toBe('60/40');
  });

  test('threads: money moved back and forth by two threads adds up', async () => {
    expectNoMissedWakeUp('yours');
    const cells = shared(3);
    real.store(cells, 1, 500);
    real.store(cells, 2, 500);
    const work = `
      let moved = 0;
      for (let i = 0; i < 5000; i++) {
        const amount = 1 + (i % 7);
        if (subject.transfer(data.cells, 0, data.from, data.to, amount)) moved += amount;
      }
      return moved;
    `;
    const [aToB, bToA] = (await inThreads(
      work,
      [
        { cells, from: 1, to: 2 },
        { cells, from: 2, to: 1 },
      ],
      4000,
      'the two threads did not finish within 4 s: is one of them asleep in lock() with nobody to wake it?',
    )) as number[];
    const a = real.load(cells, 1);
    const b = real.load(cells, 2);
    expect(a + b, 'A + B after 10000 transfers between them (it started at 1000)').toBe(1000);
    expect(`A ${a}, B ${b}`, `the accounts, given that ${aToB} went from A to B and ${bToA} from B to A`).toBe(
      `A ${500 - aToB! + bToA!}, B ${500 + aToB! - bToA!}`,
    );
  });
});
