import { chai, describe, expect, test } from 'vitest';
import { MiniLoop } from '#subject/mini-loop.ts';

// Show whole logs in failure messages, not `[ 'A at 10', …(3) ]`.
chai.config.truncateThreshold = 0;

type Log = (line: string) => void;

/** Builds a scenario on a fresh loop, runs it and returns the lines the callbacks logged, in order. */
function scenario(build: (loop: MiniLoop, log: Log) => void): { lines: string[]; loop: MiniLoop } {
  const loop = new MiniLoop();
  const lines: string[] = [];
  build(loop, (line) => {
    // A wrong loop may run the same callbacks again and again; fail with a message instead of printing forever.
    if (lines.length >= 200) throw new Error('more than 200 log lines: does run() keep re-running callbacks?');
    lines.push(line);
  });
  loop.run();
  return { lines, loop };
}

/**
 * Compares a scenario's log with the order expected. A callback that never ran is named on its own first: that is
 * a different mistake from running every callback in the wrong order.
 */
function expectLog(lines: string[], what: string, expected: string[], orderNote = ''): void {
  // A line names its callback, sometimes followed by " at <now>": a callback that ran at another time did run.
  const callback = (line: string) => line.replace(/ at -?\d+$/, '');
  const ran = new Set(lines.map(callback));
  const neverRan = expected.filter((line) => !ran.has(callback(line))).map(callback);
  const rule = neverRan.every((line) => line.startsWith('microtask'))
    ? 'a drain runs microtasks until that queue is empty, microtasks queued meanwhile included'
    : neverRan.every((line) => /^(tick|microtask)\b/.test(line))
      ? 'a drain runs the nextTicks, then the microtasks, each until its queue is empty, callbacks queued meanwhile ' +
        'included, and starts again while either queue has work'
      : 'it must keep going until no work is left';
  expect(neverRan, `callbacks that never ran, for: ${what} (run() returned without running them: ${rule})`).toEqual([]);
  expect(lines, `log order for: ${what}${orderNote}`).toEqual(expected);
}

// Scenarios whose order comes from real Node. Each body is plain JavaScript that uses only `api`: the grader runs
// it on your MiniLoop, and src/lib/exercises/recorded-output.ts ran the same text on Node 20 and Node 24, with Node's
// own functions behind `api`, to record `prints`. Grading compares with that record, so it does not depend on the
// runtime that grades (an event loop that orders callbacks differently must not fail a correct MiniLoop).
// recorded from Node: begin (checked by tests/exercises/recorded-output.test.ts, rewritten by npm run record-output)
const NODE_SCENARIOS: Record<string, { body: string[]; prints: string[] }> = {
  "a timer that sets setTimeout(cb, 0) and setImmediate, then is busy for 5 ms": {
    "body": [
      "api.setTimeout(() => {",
      "  api.log('timer');",
      "  api.setTimeout(() => api.log('timeout 0 from timer'), 0);",
      "  api.setImmediate(() => api.log('immediate from timer'));",
      "  api.busy(5);",
      "}, 0);"
    ],
    "prints": [
      "timer",
      "immediate from timer",
      "timeout 0 from timer"
    ]
  },
  "timer 1 queues a microtask and a nextTick that each queue more; then timer 2": {
    "body": [
      "api.setTimeout(() => {",
      "  api.queueMicrotask(() => {",
      "    api.log('microtask 1');",
      "    api.nextTick(() => api.log('tick from microtask 1'));",
      "    api.queueMicrotask(() => api.log('microtask from microtask 1'));",
      "  });",
      "  api.nextTick(() => {",
      "    api.log('tick 1');",
      "    api.nextTick(() => api.log('tick from tick 1'));",
      "    api.queueMicrotask(() => api.log('microtask from tick 1'));",
      "  });",
      "  api.log('timer 1');",
      "}, 0);",
      "api.setTimeout(() => api.log('timer 2'), 0);"
    ],
    "prints": [
      "timer 1",
      "tick 1",
      "tick from tick 1",
      "microtask 1",
      "microtask from tick 1",
      "microtask from microtask 1",
      "tick from microtask 1",
      "timer 2"
    ]
  }
};
// recorded from Node: end

interface Api {
  setTimeout(callback: () => void, ms: number): unknown;
  setImmediate(callback: () => void): unknown;
  queueMicrotask(callback: () => void): void;
  nextTick(callback: () => void): void;
  busy(ms: number): void;
  log(line: string): void;
}

function runOnMiniLoop(body: string): string[] {
  const loop = new MiniLoop();
  const lines: string[] = [];
  const api: Api = {
    setTimeout: (callback, ms) => loop.setTimeout(callback, ms),
    setImmediate: (callback) => loop.setImmediate(callback),
    queueMicrotask: (callback) => loop.queueMicrotask(callback),
    nextTick: (callback) => loop.nextTick(callback),
    busy: (ms) => loop.busy(ms),
    log: (line) => lines.push(line),
  };
  new Function('api', body)(api);
  loop.run();
  return lines;
}

/** Runs a recorded scenario on your MiniLoop and compares its log with the order Node logged for it. */
function expectSameAsNode(what: string): void {
  const scenario = NODE_SCENARIOS[what];
  expect(scenario, `the scenario recorded from Node for: ${what} (missing: a problem with the course, please report it)`).toBeDefined();
  const { body, prints } = scenario!;
  expect(prints.length, `lines recorded from Node for: ${what} (none: a problem with the course, please report it)`).toBeGreaterThan(0);
  expectLog(runOnMiniLoop(body.join('\n')), what, prints, ' (the order Node 20 and Node 24 give, recorded from them)');
}

describe('1. The nextTick and microtask queues', () => {
  test('runs nothing before run() is called, and both callbacks once run() is', () => {
    const loop = new MiniLoop();
    const lines: string[] = [];
    loop.nextTick(() => lines.push('tick'));
    loop.queueMicrotask(() => lines.push('microtask'));
    expect(lines, 'log before run() was called').toEqual([]);
    loop.run();
    // The order is the next test's subject: here only that each callback ran, once.
    expect([...lines].sort(), 'callbacks that ran by the time run() returned (in any order)').toEqual(['microtask', 'tick']);
  });

  test('runs a nextTick before a microtask, even one queued first', () => {
    const { lines } = scenario((loop, log) => {
      loop.queueMicrotask(() => log('microtask'));
      loop.nextTick(() => log('tick'));
    });
    expectLog(lines, 'queueMicrotask, then nextTick, before run()', ['tick', 'microtask']);
  });

  test('runs nextTicks queued by nextTicks before any microtask, then every microtask', () => {
    const { lines } = scenario((loop, log) => {
      loop.queueMicrotask(() => log('microtask 1'));
      loop.nextTick(() => {
        log('tick 1');
        loop.queueMicrotask(() => log('microtask from tick 1'));
        loop.nextTick(() => {
          log('tick from tick 1');
          loop.nextTick(() => log('tick from tick from tick 1'));
        });
      });
    });
    expectLog(lines, 'a nextTick that queues a microtask and a chain of nextTicks', [
      'tick 1',
      'tick from tick 1',
      'tick from tick from tick 1',
      'microtask 1',
      'microtask from tick 1',
    ]);
  });

  test('runs microtasks queued by microtasks before a nextTick queued by a microtask', () => {
    const { lines } = scenario((loop, log) => {
      loop.queueMicrotask(() => {
        log('microtask 1');
        loop.nextTick(() => {
          log('tick from microtask 1');
          loop.queueMicrotask(() => log('microtask from that tick'));
        });
        loop.queueMicrotask(() => log('microtask from microtask 1'));
      });
      loop.queueMicrotask(() => log('microtask 2'));
    });
    expectLog(lines, 'a microtask that queues a nextTick and another microtask', [
      'microtask 1',
      'microtask 2',
      'microtask from microtask 1',
      'tick from microtask 1',
      'microtask from that tick',
    ]);
  });

  test('leaves now at 0 when only the job queues have work', () => {
    const { loop } = scenario((l, log) => {
      l.nextTick(() => log('tick'));
      l.queueMicrotask(() => log('microtask'));
    });
    expect(loop.now, 'now after run() with only a nextTick and a microtask').toBe(0);
  });
});

describe('2. Timers on a virtual clock', () => {
  test('now starts at 0 and busy(ms) moves it forward', () => {
    const loop = new MiniLoop();
    expect(loop.now, 'now of a new MiniLoop').toBe(0);
    loop.busy(5);
    expect(loop.now, 'now after busy(5)').toBe(5);
    loop.busy(3);
    expect(loop.now, 'now after busy(5) and busy(3)').toBe(8);
  });

  test('runs timers in due-time order, moving now to each due time', () => {
    const { lines, loop } = scenario((l, log) => {
      l.setTimeout(() => log(`A at ${l.now}`), 30);
      l.setTimeout(() => log(`B at ${l.now}`), 10);
      l.setTimeout(() => log(`C at ${l.now}`), 20);
    });
    expectLog(lines, 'timers A (30 ms), B (10 ms), C (20 ms), created in that order', [
      'B at 10',
      'C at 20',
      'A at 30',
    ]);
    expect(loop.now, 'now after run() (the last timer was due at 30)').toBe(30);
  });

  test('measures a delay from the moment setTimeout is called', () => {
    const { lines } = scenario((l, log) => {
      l.busy(5);
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.setTimeout(() => log(`B at ${l.now}`), 15);
      }, 10);
    });
    expectLog(lines, 'busy(5), then A (10 ms) which sets B (15 ms)', ['A at 15', 'B at 30']);
  });

  test('runs timers with the same due time in creation order', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => log(`A at ${l.now}`), 10);
      l.setTimeout(() => {
        log(`X at ${l.now}`);
        l.setTimeout(() => log(`C at ${l.now}`), 5);
      }, 5);
      l.setTimeout(() => log(`B at ${l.now}`), 10);
    });
    expectLog(lines, 'A (10 ms), X (5 ms, sets C for 5 ms later), B (10 ms)', [
      'X at 5',
      'A at 10',
      'B at 10',
      'C at 10',
    ]);
  });

  test('counts a delay below 1 ms as 1 ms, so setTimeout(cb, 0) in a timer waits for a later timers phase', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.setTimeout(() => log(`zero from A at ${l.now}`), 0);
        l.setTimeout(() => log(`negative from A at ${l.now}`), -5);
      }, 10);
      l.setTimeout(() => log(`B at ${l.now}`), 10);
    });
    expectLog(lines, 'A and B due at 10 ms, A sets timers with delays 0 and -5', [
      'A at 10',
      'B at 10',
      'zero from A at 11',
      'negative from A at 11',
    ]);
  });

  test('runs timers late after a busy callback, still in due-time order', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.busy(25);
      }, 10);
      l.setTimeout(() => log(`C at ${l.now}`), 30);
      l.setTimeout(() => log(`B at ${l.now}`), 20);
    });
    expectLog(lines, 'A (10 ms, busy for 25 ms), C (30 ms), B (20 ms)', [
      'A at 10',
      'B at 35',
      'C at 35',
    ]);
  });
});

describe('3. Drain the job queues after every callback', () => {
  test('runs a timer’s microtasks, and the microtasks they queue, before the next timer', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.queueMicrotask(() => {
          log(`microtask from A at ${l.now}`);
          l.queueMicrotask(() => log(`microtask from that microtask at ${l.now}`));
        });
      }, 10);
      l.setTimeout(() => log(`B at ${l.now}`), 10);
    });
    expectLog(lines, 'two timers due at 10 ms, the first queues a microtask that queues another', [
      'A at 10',
      'microtask from A at 10',
      'microtask from that microtask at 10',
      'B at 10',
    ]);
  });

  test('runs a timer’s nextTicks, then its microtasks, before the next timer', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log('A');
        l.queueMicrotask(() => log('microtask from A'));
        l.nextTick(() => log('tick from A'));
      }, 10);
      l.setTimeout(() => log('B'), 10);
    });
    expectLog(lines, 'two timers, the first queues a microtask and then a nextTick', [
      'A',
      'tick from A',
      'microtask from A',
      'B',
    ]);
  });

  test('runs an immediate’s jobs before the next immediate', () => {
    const { lines } = scenario((l, log) => {
      l.setImmediate(() => {
        log('immediate 1');
        l.queueMicrotask(() => {
          log('microtask from immediate 1');
          l.nextTick(() => log('tick from that microtask'));
        });
        l.queueMicrotask(() => log('second microtask from immediate 1'));
      });
      l.setImmediate(() => log('immediate 2'));
    });
    expectLog(lines, 'two immediates, the first queues two microtasks, one of them a nextTick', [
      'immediate 1',
      'microtask from immediate 1',
      'second microtask from immediate 1',
      'tick from that microtask',
      'immediate 2',
    ]);
  });

  test('matches real Node: nested nextTicks and microtasks in one timer, then a second timer', () => {
    expectSameAsNode('timer 1 queues a microtask and a nextTick that each queue more; then timer 2');
  });
});

describe('4. The check phase', () => {
  test('runs immediates in the order they were queued, after the job queues', () => {
    const { lines, loop } = scenario((l, log) => {
      l.setImmediate(() => log('immediate 1'));
      l.setImmediate(() => log('immediate 2'));
      l.nextTick(() => log('tick'));
    });
    expectLog(lines, 'two immediates and a nextTick, queued before run()', [
      'tick',
      'immediate 1',
      'immediate 2',
    ]);
    expect(loop.now, 'now after run() with only immediates').toBe(0);
  });

  test('runs an immediate queued inside a timer callback before a timer due later', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.setImmediate(() => log(`immediate from A at ${l.now}`));
      }, 10);
      l.setTimeout(() => log(`B at ${l.now}`), 20);
    });
    expectLog(lines, 'A (10 ms) queues an immediate; B (20 ms)', [
      'A at 10',
      'immediate from A at 10',
      'B at 20',
    ]);
  });

  test('runs only the timers due when the timers phase began, then the immediates', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => {
        log(`A at ${l.now}`);
        l.setImmediate(() => log(`immediate from A at ${l.now}`));
        l.busy(25);
      }, 10);
      l.setTimeout(() => log(`B at ${l.now}`), 20);
      l.setTimeout(() => log(`C at ${l.now}`), 15);
    });
    expectLog(lines, 'A (10 ms) queues an immediate and is busy 25 ms; B (20 ms), C (15 ms)', [
      'A at 10',
      'immediate from A at 35',
      'C at 35',
      'B at 35',
    ]);
  });

  test('lets a due timer run between immediates that keep re-scheduling themselves', () => {
    const { lines } = scenario((l, log) => {
      l.setTimeout(() => log(`timer at ${l.now}`), 5);
      let count = 0;
      const again = (): void => {
        count += 1;
        log(`immediate ${count} at ${l.now}`);
        l.busy(2);
        if (count < 5) l.setImmediate(again);
      };
      l.setImmediate(again);
    });
    expectLog(
      lines,
      'a timer due at 5 ms, and an immediate that is busy 2 ms and re-schedules itself (5 runs in all)',
      ['immediate 1 at 0', 'immediate 2 at 2', 'immediate 3 at 4', 'timer at 6', 'immediate 4 at 6', 'immediate 5 at 8'],
    );
  });

  test('matches real Node: setTimeout(cb, 0) and setImmediate inside a timer', () => {
    expectSameAsNode('a timer that sets setTimeout(cb, 0) and setImmediate, then is busy for 5 ms');
  });
});

describe('5. clearTimeout', () => {
  test('setTimeout returns a different id each time', () => {
    const loop = new MiniLoop();
    const ids = [loop.setTimeout(() => {}, 1), loop.setTimeout(() => {}, 1), loop.setTimeout(() => {}, 2)];
    expect(new Set(ids).size, `number of different ids among ${JSON.stringify(ids)}`).toBe(3);
    loop.run();
  });

  test('a cleared timer never runs', () => {
    const { lines } = scenario((l, log) => {
      const a = l.setTimeout(() => log(`A at ${l.now}`), 10);
      l.setTimeout(() => log(`B at ${l.now}`), 20);
      l.clearTimeout(a);
    });
    expect(lines, 'log for: A (10 ms) and B (20 ms), A cleared before run()').toEqual(['B at 20']);
  });

  test('a timer can clear another timer due in the same timers phase', () => {
    const { lines } = scenario((l, log) => {
      let b = 0;
      l.setTimeout(() => {
        log('A');
        l.clearTimeout(b);
      }, 10);
      b = l.setTimeout(() => log('B'), 10);
      l.setTimeout(() => log('C'), 10);
    });
    expect(lines, 'log for: A, B and C all due at 10 ms, A clears B').toEqual(['A', 'C']);
  });

  test('clearing an unknown id, or a timer that already ran, changes nothing', () => {
    const { lines } = scenario((l, log) => {
      l.clearTimeout(12345);
      const a = l.setTimeout(() => log(`A at ${l.now}`), 10);
      l.setTimeout(() => {
        log(`B at ${l.now}`);
        l.clearTimeout(a);
        l.clearTimeout(-1);
      }, 20);
      l.setTimeout(() => log(`C at ${l.now}`), 30);
      l.setTimeout(() => log(`D at ${l.now}`), 40);
    });
    expect(lines, 'log for: A, B, C, D at 10/20/30/40 ms; B clears the finished A and the unknown id -1').toEqual([
      'A at 10',
      'B at 20',
      'C at 30',
      'D at 40',
    ]);
  });

  test('does not move now to a cleared timer', () => {
    const { lines, loop } = scenario((l, log) => {
      const a = l.setTimeout(() => log('A'), 100);
      l.clearTimeout(a);
    });
    expect(lines, 'log for: one timer (100 ms), cleared before run()').toEqual([]);
    expect(loop.now, 'now after run() when the only timer was cleared').toBe(0);
  });
});
