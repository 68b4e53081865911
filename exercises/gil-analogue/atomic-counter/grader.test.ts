import { afterEach, chai, describe, expect, test } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { countUp, createCounters, takeTicket, total } from '#subject/counter.ts';
import { startWorker } from '#support/in-thread.ts';

// Two kinds of check. Tests that name "threads" run your code in real worker threads; whether a wrong solution loses
// updates there depends on timing, so every such test is paired with a deterministic one. Those run on this thread
// and watch your calls to Atomics: the grader replaces Atomics.load, Atomics.add and the others with versions that
// record each call and, in some tests, let a pretend "other thread" act between two of your calls.
chai.config.truncateThreshold = 0;

const NAMES = ['add', 'and', 'compareExchange', 'exchange', 'load', 'notify', 'or', 'store', 'sub', 'wait', 'xor'] as const;
type AtomicsName = (typeof NAMES)[number];
type AnyFunction = (...args: unknown[]) => unknown;
const atomics = Atomics as unknown as Record<AtomicsName, AnyFunction>;
const REAL = Object.fromEntries(NAMES.map((name) => [name, atomics[name]])) as Record<AtomicsName, AnyFunction>;
const real = {
  load: (view: Int32Array, i: number) => REAL.load.call(Atomics, view, i) as number,
  store: (view: Int32Array, i: number, v: number) => REAL.store.call(Atomics, view, i, v) as number,
  add: (view: Int32Array, i: number, v: number) => REAL.add.call(Atomics, view, i, v) as number,
  notify: (view: Int32Array, i: number) => REAL.notify.call(Atomics, view, i) as number,
};

interface AtomicsCall {
  name: AtomicsName;
  index: unknown;
  value: unknown;
}

/**
 * Replaces every Atomics function with one that records the call and then does the real thing. `before(n)` runs
 * just before the n-th call (1-based): that is where a pretend other thread gets to act. `after(n)` runs right after
 * it, to look at what the call left in memory.
 */
function watchAtomics(before?: (n: number) => void, after?: (n: number) => void): AtomicsCall[] {
  const calls: AtomicsCall[] = [];
  for (const name of NAMES) {
    atomics[name] = (...args: unknown[]) => {
      calls.push({ name, index: args[1], value: args[2] });
      const n = calls.length;
      before?.(n);
      const result = REAL[name].apply(Atomics, args);
      after?.(n);
      return result;
    };
  }
  return calls;
}

/** One Atomics call as written: `Atomics.add(counters, 2, 1)`, `Atomics.load(counters, 2)`, `Atomics.store(counters, 2, …)`. */
function callText(call: AtomicsCall): string {
  // Strings keep their quotes, so a call with '1' never reads like one with 1.
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const value = call.name === 'load' ? '' : call.name === 'add' || call.name === 'sub' ? `, ${show(call.value)}` : ', …';
  return `Atomics.${call.name}(counters, ${show(call.index)}${value})`;
}

/**
 * The Atomics calls of `steps` steps, per step when every step made the same calls (`each of the 5 steps:
 * Atomics.load(counters, 2), then Atomics.store(counters, 2, …)`), else as a list.
 */
function describeSteps(calls: AtomicsCall[], steps: number): string {
  if (calls.length === 0) return 'no Atomics calls at all';
  const texts = calls.map(callText);
  const per = texts.length / steps;
  if (Number.isInteger(per) && texts.every((t, i) => t === texts[i % per])) {
    return `each of the ${steps} steps: ${texts.slice(0, per).join(', then ')}`;
  }
  const shown = texts.length > 12 ? [...texts.slice(0, 12), '…'] : texts;
  return `${texts.length} Atomics calls in all: ${shown.join(', ')}`;
}

/** The highest value `counters[index]` held after any Atomics call, and at the end (plain writes show up there). */
function highestValue(counters: Int32Array, index: number) {
  let highest = real.load(counters, index);
  const look = () => {
    highest = Math.max(highest, real.load(counters, index));
  };
  return {
    look,
    get: () => {
      look();
      return highest;
    },
  };
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

/**
 * Runs `work` (JavaScript, with `subject` = your module and `data` = that thread's data) in one worker thread per
 * entry of `data`. All threads start working at the same moment, to give a race every chance to happen. Resolves
 * with what each thread's `work` returned.
 */
async function inThreads(work: string, data: unknown[]): Promise<unknown[]> {
  const go = new Int32Array(new SharedArrayBuffer(4));
  const body = `
    const { go, data } = workerData;
    parentPort.postMessage('ready');
    Atomics.wait(go, 0, 0, 5000);
    parentPort.postMessage(((subject, data) => { ${work} })(subject, data) ?? 'done');
  `;
  const workers = await Promise.all(data.map((d) => startWorker('counter.ts', body, { go, data: d })));
  running.push(...workers);
  const inboxes = workers.map(inbox);
  await within(Promise.all(inboxes.map((box) => box.next())), 8000, 'the threads did not start within 8 s');
  real.store(go, 0, 1);
  real.notify(go, 0);
  return within(Promise.all(inboxes.map((box) => box.next())), 8000, 'the threads did not finish within 8 s');
}

describe('1. Counters in shared memory', () => {
  test('createCounters(n) returns n counters, all 0', () => {
    const counters = createCounters(4);
    expect(counters, 'what createCounters(4) returned').toBeInstanceOf(Int32Array);
    expect([...counters], 'the counters of createCounters(4)').toEqual([0, 0, 0, 0]);
  });

  test('the counters live in a SharedArrayBuffer', () => {
    const counters = createCounters(3);
    expect(
      Object.prototype.toString.call(counters.buffer),
      'the kind of buffer behind createCounters(3) (an ordinary ArrayBuffer is copied when sent to a thread)',
    ).toBe('[object SharedArrayBuffer]');
  });

  test('a write made by another thread shows up here', async () => {
    const counters = createCounters(3);
    await inThreads('Atomics.store(data.counters, 1, 42);', [{ counters }]);
    expect([...counters], 'the counters after another thread stored 42 in counter 1').toEqual([0, 42, 0]);
  });
});

describe('2. Count up without losing updates', () => {
  test('countUp(counters, index, times) adds times to that counter', () => {
    const counters = createCounters(3);
    countUp(counters, 1, 5);
    countUp(counters, 2, 2);
    countUp(counters, 1, 3);
    expect([...counters], 'counters after countUp(c, 1, 5), countUp(c, 2, 2), countUp(c, 1, 3)').toEqual([0, 8, 2]);
  });

  test('each step is one call to Atomics.add', () => {
    const counters = createCounters(3);
    const calls = watchAtomics();
    countUp(counters, 2, 5);
    const adds = calls.filter((c) => c.name === 'add' && c.index === 2 && c.value === 1).length;
    const expected = 'each of the 5 steps: Atomics.add(counters, 2, 1)';
    const names = new Set(calls.map((c) => c.name));
    // Passes exactly when five such adds were made, as before; otherwise shows the calls countUp did make.
    expect(
      adds === 5 ? expected : describeSteps(calls, 5),
      'the Atomics calls made by countUp(counters, 2, 5)' +
        (calls.length === 0
          ? '. `counters[i]++` (or `+= 1`) on shared memory reads, adds and writes in three steps another thread can ' +
            'split; Atomics.add does all three in one'
          : names.has('load') && names.has('store') && !names.has('add')
            ? '. Atomics.load and Atomics.store are each atomic, but the pair is not: another thread can write ' +
              'between your load and your store, and your store then overwrites its update. Atomics.add reads, adds ' +
              'and writes in one call no thread can split'
            : ''),
    ).toBe(expected);
  });

  test("another thread's increment between two of your steps is not lost", () => {
    const counters = createCounters(1);
    let theirs = 0;
    // Before each of your Atomics calls except the first, a pretend other thread adds 1 to the same counter.
    watchAtomics((n) => {
      if (n >= 2) {
        real.add(counters, 0, 1);
        theirs += 1;
      }
    });
    countUp(counters, 0, 4);
    const value = real.load(counters, 0);
    expect(
      `${value - theirs} of yours survived`,
      `your increments left in the counter after countUp(counters, 0, 4), while another thread added ${theirs} in ` +
        'between your Atomics calls. A separate load and store let its write fall between them and get overwritten',
    ).toBe('4 of yours survived');
  });

  test('two threads counting at once lose nothing', async () => {
    const counters = createCounters(2);
    await inThreads('subject.countUp(data.counters, 0, 50000);', [{ counters }, { counters }]);
    expect(real.load(counters, 0), 'counter 0 after two threads each called countUp(counters, 0, 50000) at once').toBe(100000);
  });
});

describe('3. Read the counters', () => {
  test('total(counters) adds up every counter', () => {
    const counters = createCounters(4);
    [3, 0, 10, 7].forEach((v, i) => real.store(counters, i, v));
    expect(total(counters), 'total of counters [3, 0, 10, 7]').toBe(20);
    expect(total(createCounters(0)), 'total of no counters').toBe(0);
  });

  test('reads each counter with Atomics.load', () => {
    const counters = createCounters(4);
    const calls = watchAtomics();
    total(counters);
    const read = [...new Set(calls.filter((c) => c.name === 'load').map((c) => c.index))].sort();
    expect(read, 'the counters total() read with Atomics.load, for 4 counters').toEqual([0, 1, 2, 3]);
  });

  test('sees what threads counted on separate counters', async () => {
    const counters = createCounters(3);
    await inThreads('subject.countUp(data.counters, data.index, data.times);', [
      { counters, index: 0, times: 5000 },
      { counters, index: 2, times: 7000 },
    ]);
    expect(total(counters), 'total after one thread counted 5000 on counter 0 and another 7000 on counter 2').toBe(12000);
  });
});

describe('4. Hand out tickets without selling one twice', () => {
  test('hands out 0, 1, 2, then -1 once the tickets are gone', () => {
    const counters = createCounters(2);
    const got = Array.from({ length: 5 }, () => takeTicket(counters, 1, 3));
    expect(got, 'five calls of takeTicket(counters, 1, 3)').toEqual([0, 1, 2, -1, -1]);
    expect([...counters], 'counters after five calls of takeTicket(counters, 1, 3)').toEqual([0, 3]);
  });

  test('the counter never goes past the limit, not even for a moment', () => {
    const counters = createCounters(1);
    const highest = highestValue(counters, 0);
    watchAtomics(undefined, highest.look);
    for (let i = 0; i < 10; i++) takeTicket(counters, 0, 4);
    expect(
      `highest ${highest.get()}, at the end ${real.load(counters, 0)}`,
      'the counter after ten calls of takeTicket(counters, 0, 4): the highest value it held after any of your Atomics ' +
        'calls, and its value at the end. Taking with Atomics.add and giving back with Atomics.sub once the tickets ' +
        'are gone passes through limit + 1, and another thread that reads the counter then sees a ticket that does ' +
        'not exist',
    ).toBe('highest 4, at the end 4');
  });

  test('a ticket another thread takes between your check and your take is not sold twice', () => {
    const counters = createCounters(1);
    real.store(counters, 0, 4); // tickets 0-3 are gone; ticket 4 is the last one
    let theirs = -1;
    const highest = highestValue(counters, 0);
    // Just before your second Atomics call, a pretend other thread takes the last ticket.
    watchAtomics(
      (n) => {
        if (n === 2 && real.load(counters, 0) < 5) theirs = real.add(counters, 0, 1);
      },
      highest.look,
    );
    const yours = takeTicket(counters, 0, 5);
    expect(
      `you got ${yours}, they got ${theirs}, counter ${real.load(counters, 0)}, highest ${highest.get()}`,
      'tickets after takeTicket(counters, 0, 5) with one ticket left, taken by another thread right after your first ' +
        'Atomics call, and the highest value the counter held. A check ("any left?") followed by a separate take ' +
        'lets the other thread in between, and an Atomics.add that is undone afterwards still pushes the counter ' +
        'past the limit; compareExchange takes the ticket only if nobody changed the counter since you looked',
    ).toBe(theirs === -1 ? `you got 4, they got -1, counter 5, highest 5` : `you got -1, they got 4, counter 5, highest 5`);
  });

  test('two threads share the tickets with none lost or doubled', async () => {
    const counters = createCounters(1);
    const work = 'const mine = []; for (;;) { const t = subject.takeTicket(data.counters, 0, 10000); if (t < 0) return mine; mine.push(t); }';
    const [a, b] = (await inThreads(work, [{ counters }, { counters }])) as number[][];
    const all = [...(a ?? []), ...(b ?? [])].sort((x, y) => x - y);
    const doubled = all.filter((t, i) => i > 0 && all[i - 1] === t).length;
    expect(doubled, 'tickets handed out twice when two threads took all 10000 at once').toBe(0);
    expect(all.length, 'tickets handed out in all').toBe(10000);
    expect(real.load(counters, 0), 'the counter afterwards').toBe(10000);
  });
});
