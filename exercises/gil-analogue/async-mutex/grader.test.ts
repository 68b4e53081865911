import { afterEach, chai, describe, expect, test, vi } from 'vitest';
import { Mutex, Wallet } from '#subject/mutex.ts';
import { BalanceStore } from '#support/balance-store.ts';

// Ordering checks read an event log; waiting is done either with microtask flushes (no clock involved) or on
// Vitest's fake clock, where "10 ms" is virtual and nothing waits for real.
chai.config.truncateThreshold = 0;

afterEach(() => {
  vi.useRealTimers();
});

/** Lets every pending promise callback run, without any timer. */
async function flush(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** Asks for the lock as `name`; logs `name` when it is granted. Resolves with the release function. */
function ask(mutex: Mutex, name: string, log: string[]): Promise<() => void> {
  return mutex.acquire().then((release) => {
    log.push(name);
    return release;
  });
}

/**
 * Critical sections that take `ms` virtual ms each. Records how many sections ran at once, and each entry and exit
 * with its virtual time since the recorder was made: `0 A enters`, `30 A leaves`.
 */
function sectionRecorder() {
  const log: string[] = [];
  const timeline: string[] = [];
  const start = Date.now();
  const inside: string[] = [];
  let most = 0;
  /** The first overlap, as "B entered at 0 while A was still running". */
  let firstOverlap: string | undefined;
  const section = (name: string, ms: number) => async () => {
    const at = Date.now() - start;
    const holders = inside.join(' and ');
    if (holders) {
      firstOverlap ??=
        `${name} entered at ${at} while ${holders} ${inside.length > 1 ? 'were' : 'was'} still running`;
    }
    inside.push(name);
    most = Math.max(most, inside.length);
    log.push(`enter ${name}`);
    timeline.push(`${at} ${name} enters`);
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
    log.push(`leave ${name}`);
    timeline.push(`${Date.now() - start} ${name} leaves`);
    inside.splice(inside.indexOf(name), 1);
    return name;
  };
  return { log, timeline, section, most: () => most, firstOverlap: () => firstOverlap };
}

/** Callers granted the lock, as `A, then B`; only the names matter, for messages. */
const grants = (log: string[]) => (log.length ? `${log[0]}, then ${log.slice(1).join(' and ') || 'nobody'}` : 'nobody');

describe('1. Acquire and release', () => {
  test('a free lock is granted at once, and locked says so', async () => {
    const mutex = new Mutex();
    expect(mutex.locked, 'locked on a new Mutex').toBe(false);
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    await flush();
    expect(log, 'callers granted the lock, after acquire() on a free lock').toEqual(['A']);
    expect(mutex.locked, 'locked while A holds the lock').toBe(true);
    (await a)();
    expect(mutex.locked, 'locked after A released it, with nobody waiting').toBe(false);
  });

  test('a second caller waits until the holder releases', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    const b = ask(mutex, 'B', log);
    await flush();
    expect(log, 'callers granted the lock while A holds it').toEqual(['A']);
    (await a)();
    await flush();
    expect(log, 'callers granted the lock after A released it').toEqual(['A', 'B']);
    expect(mutex.locked, 'locked while B holds the lock').toBe(true);
    (await b)();
    expect(mutex.locked, 'locked after B released it').toBe(false);
  });

  test('only one caller holds the lock at a time, even with many waiting', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    void ask(mutex, 'B', log);
    void ask(mutex, 'C', log);
    void ask(mutex, 'D', log);
    await flush();
    (await a)();
    await flush();
    // Which waiter comes next is task 2's business; here only one of them may get in.
    const one = log.length === 2 && log[0] === 'A' && ['B', 'C', 'D'].includes(log[1]!);
    expect(
      one ? 'A, then one of B, C, D' : grants(log),
      'callers granted the lock, A first; then A released it while B, C and D waited. A release lets one waiter in',
    ).toBe('A, then one of B, C, D');
  });

  test('calling release twice does not let a second waiter in', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    void ask(mutex, 'B', log);
    void ask(mutex, 'C', log);
    await flush();
    const releaseA = await a;
    releaseA();
    releaseA(); // a bug in the caller; must not release the lock the next holder now owns
    await flush();
    const one = log.length === 2 && log[0] === 'A' && ['B', 'C'].includes(log[1]!);
    expect(
      one ? 'A, then one of B, C' : grants(log),
      'callers granted the lock, A first; then A called its release function twice while B and C waited. The second ' +
        'call must do nothing: by then the lock belongs to the next holder',
    ).toBe('A, then one of B, C');
    expect(mutex.locked, `locked while ${log[1] ?? 'the next waiter'} holds the lock`).toBe(true);
  });
});

describe('2. First come, first served', () => {
  test('waiters get the lock in the order they asked', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const held = new Map<string, () => void>();
    for (const name of ['A', 'B', 'C', 'D', 'E']) {
      void mutex.acquire().then((release) => {
        log.push(name);
        held.set(name, release);
      });
    }
    await flush();
    // Four times: release whoever holds the lock now, and let the next one in.
    for (let i = 0; i < 4; i++) {
      held.get(log[log.length - 1]!)?.();
      await flush();
    }
    const lifo = log.join(', ') === 'A, E, D, C, B';
    expect(
      log.join(', '),
      'order in which A, B, C, D, E got the lock; they asked in that order, and each holder released it in turn' +
        (lifo
          ? '. After A, the newest waiter (E) got it, not the oldest (B), and so on: last in, first out. A lock ' +
            'serves its waiters first come, first served'
          : ''),
    ).toBe('A, B, C, D, E');
  });

  test('a release called twice still hands the lock to the oldest waiter', async () => {
    // Task 1 checks that the second call lets nobody else in; this checks who got the lock.
    const mutex = new Mutex();
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    void ask(mutex, 'B', log);
    void ask(mutex, 'C', log);
    await flush();
    const releaseA = await a;
    releaseA();
    releaseA();
    await flush();
    expect(
      log.join(', '),
      'callers granted the lock after A called its release function twice while B and C waited (B asked first)' +
        (log.join(', ') === 'A, C' ? '. C, the newest waiter, got it instead of B, the oldest' : ''),
    ).toBe('A, B');
  });

  test('a newcomer cannot slip in between a release and the next waiter', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const a = ask(mutex, 'A', log);
    const b = ask(mutex, 'B', log);
    await flush();
    (await a)();
    // Whether `locked` reads true or false in this moment is up to the design (asyncio.Lock says false); only the
    // order is checked.
    const c = ask(mutex, 'C', log); // arrives while B has not resumed yet
    await flush();
    expect(
      log,
      'callers granted the lock when C asked right after A released it, with B already waiting. C must queue ' +
        'behind B; a lock that looks free between A and B and only checks `locked` lets C in too, and then two ' +
        'callers hold it',
    ).toEqual(['A', 'B']);
    expect(mutex.locked, 'locked while B holds the lock and C waits').toBe(true);
    (await b)();
    await flush();
    expect(log, 'callers granted the lock after B released it').toEqual(['A', 'B', 'C']);
    (await c)();
    expect(mutex.locked, 'locked after everyone released').toBe(false);
  });
});

describe('3. Run a function under the lock', () => {
  test('resolves with what fn returns, holding the lock while fn runs', async () => {
    const mutex = new Mutex();
    let lockedInside: boolean | undefined;
    const value = await mutex.runExclusive(() => {
      lockedInside = mutex.locked;
      return 42;
    });
    expect(value, 'what runExclusive(() => 42) resolved with').toBe(42);
    expect(lockedInside, 'locked, read inside fn').toBe(true);
    expect(mutex.locked, 'locked after runExclusive finished').toBe(false);
    expect(await mutex.runExclusive(async () => 'async'), "what runExclusive(async () => 'async') resolved with").toBe('async');
  });

  test('sections never overlap and run in call order', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    const { log, timeline, section, most, firstOverlap } = sectionRecorder();
    const all = Promise.all([
      mutex.runExclusive(section('A', 30)),
      mutex.runExclusive(section('B', 10)),
      mutex.runExclusive(section('C', 20)),
    ]);
    await vi.advanceTimersByTimeAsync(60);
    expect(await all, 'what the three runExclusive calls resolved with').toEqual(['A', 'B', 'C']);
    const inOrder = log.join(', ') === 'enter A, leave A, enter B, leave B, enter C, leave C';
    const expected = '0 A enters, 30 A leaves, 30 B enters, 40 B leaves, 40 C enters, 60 C leaves';
    // Passes exactly when no two sections overlapped and they ran in call order; the times are shown to say when.
    expect(
      most() === 1 && inOrder ? expected : timeline.join(', '),
      'sections A (30 ms), B (10 ms) and C (20 ms), all passed to runExclusive at 0: when each entered and left, in ' +
        'virtual ms' +
        (most() > 1
          ? `. ${firstOverlap()} (up to ${most()} sections ran at once). A section may start only once it holds ` +
            "the lock, and must keep it until fn's promise has settled, not just until fn has been called"
          : inOrder
            ? ''
            : '. They ran one at a time, but not in the order runExclusive was called: the lock goes to the oldest waiter'),
    ).toBe(expected);
  });

  test('holds the lock until an async fn has settled, so `total += await ...` loses nothing', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    let total = 0;
    const price = (n: number) => new Promise<number>((resolve) => setTimeout(() => resolve(n), 5));
    const add = (n: number) =>
      mutex.runExclusive(async () => {
        total += await price(n); // reads total before the await, writes it after
      });
    const all = Promise.all([add(1), add(2), add(3)]);
    await vi.advanceTimersByTimeAsync(50);
    await all;
    expect(
      `total ${total}`,
      'total after runExclusive(async () => { total += await price(n) }) for n = 1, 2, 3, started together (it ' +
        'should be 1 + 2 + 3). `total += await price(n)` reads total before the await: if the lock is released ' +
        'before fn has settled, the sections overlap, each adds to the same old total, and updates are lost',
    ).toBe('total 6');
  });

  test('rejects with the error fn throws, and releases the lock', async () => {
    const mutex = new Mutex();
    const boom = new Error('boom');
    const outcome = await mutex
      .runExclusive(() => {
        throw boom;
      })
      .then(
        () => 'resolved',
        (error: unknown) => error,
      );
    expect(outcome, 'what runExclusive(() => { throw boom }) rejected with').toBe(boom);
    expect(
      mutex.locked ? 'still locked' : 'released',
      'the lock after fn threw (release it in a finally block, as async with does on an exception)',
    ).toBe('released');
    await flush();
    expect(await mutex.runExclusive(() => 'next'), 'the next runExclusive after the failure').toBe('next');
  });

  test('rejects with the error an async fn rejects with, and lets the waiters in', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    const boom = new Error('async boom');
    const log: string[] = [];
    const first = mutex
      .runExclusive(async () => {
        await new Promise<void>((resolve) => setTimeout(resolve, 10));
        throw boom;
      })
      .catch((error: unknown) => {
        log.push(error === boom ? 'first rejected with boom' : `first rejected with ${String(error)}`);
      });
    const second = mutex.runExclusive(() => {
      log.push('second ran');
    });
    await vi.advanceTimersByTimeAsync(10);
    await Promise.race([Promise.all([first, second]), flush()]);
    expect(log.sort(), 'what happened when the first section rejected after 10 ms while a second one waited').toEqual([
      'first rejected with boom',
      'second ran',
    ]);
  });
});

describe('4. Withdraw safely', () => {
  test('one withdrawal takes the money out', async () => {
    vi.useFakeTimers();
    const store = new BalanceStore(100);
    const wallet = new Wallet(store);
    const result = wallet.withdraw(30);
    await vi.advanceTimersByTimeAsync(100);
    expect(await result, 'withdraw(30) from 100').toBe(true);
    expect(store.peek(), 'balance after withdraw(30) from 100').toBe(70);
  });

  test('a withdrawal larger than the balance changes nothing', async () => {
    vi.useFakeTimers();
    const store = new BalanceStore(50);
    const wallet = new Wallet(store);
    const result = wallet.withdraw(80);
    await vi.advanceTimersByTimeAsync(100);
    expect(await result, 'withdraw(80) from 50').toBe(false);
    expect(store.peek(), 'balance after a refused withdraw(80) from 50').toBe(50);
  });

  test('two withdrawals at once cannot both spend the same money', async () => {
    vi.useFakeTimers();
    const store = new BalanceStore(100);
    const wallet = new Wallet(store);
    const both = Promise.all([wallet.withdraw(60), wallet.withdraw(60)]);
    await vi.advanceTimersByTimeAsync(200);
    expect(
      await both,
      'results of two withdraw(60) started together on 100. Without a lock, both read 100 before either writes, ' +
        'both pass the check and both succeed',
    ).toEqual([true, false]);
    expect(store.peek(), 'balance after two withdraw(60) on 100').toBe(40);
  });

  test('ten withdrawals at once leave the right balance', async () => {
    vi.useFakeTimers();
    const store = new BalanceStore(100);
    const wallet = new Wallet(store);
    const all = Promise.all(Array.from({ length: 10 }, () => wallet.withdraw(15)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await all, 'results of ten withdraw(15) started together on 100').toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(store.peek(), 'balance after ten withdraw(15) on 100').toBe(10);
  });

  test('a failed write does not lock the wallet for good', async () => {
    vi.useFakeTimers();
    const store = new BalanceStore(100);
    const wallet = new Wallet(store);
    store.failNextWrite();
    const first = wallet.withdraw(10).then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const second = wallet.withdraw(20);
    await vi.advanceTimersByTimeAsync(200);
    expect(await first, 'what the withdrawal whose write failed settled with').toBe('the store is not available');
    expect(
      await Promise.race([second.then((ok) => `resolved with ${ok}`), flush().then(() => 'still waiting for the lock')]),
      'the withdrawal queued behind the failed one',
    ).toBe('resolved with true');
    expect(store.peek(), 'balance after a failed withdraw(10) and a withdraw(20) on 100').toBe(80);
  });
});
