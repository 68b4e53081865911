import { describe, expect, test } from 'vitest';
import { buildReport, type RunFacts } from '../../src/lib/grading/report.ts';
import { describeUncaught, parseJournalText, serializeEvent, thrownFromCallback, tidyAssertion, type JournalEvent } from '../../src/lib/grading/journal.ts';
import { gradeReportSchema } from '../../src/lib/schemas/report.ts';

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  exercise: 'event-loop/x',
  durationMs: 1234.5,
  killed: false,
  limitMs: 10_000,
  exitCode: 0,
  output: '',
  outputBytes: 0,
  ...over,
});
const collected: JournalEvent = {
  type: 'collected',
  tests: [
    { id: 'a', name: 'first', task: 1 },
    { id: 'b', name: 'second', task: 2 },
  ],
};

describe('buildReport', () => {
  test('all tests pass: verdict pass, report matches the schema', () => {
    const report = buildReport(
      [{ type: 'loaded' }, collected, { type: 'start', id: 'a' }, { type: 'end', id: 'a', status: 'pass' }, { type: 'start', id: 'b' }, { type: 'end', id: 'b', status: 'pass' }, { type: 'done' }],
      facts(),
    );
    expect(report.verdict).toBe('pass');
    expect(report.tests).toEqual([
      { name: 'first', task: 1, status: 'pass' },
      { name: 'second', task: 2, status: 'pass' },
    ]);
    expect(report.durationMs).toBe(1235);
    expect(gradeReportSchema.parse(report)).toEqual(report);
  });

  test('killed while a test runs: timeout naming that test; later tests skipped', () => {
    const report = buildReport([{ type: 'loaded' }, collected, { type: 'start', id: 'a' }], facts({ killed: true, exitCode: null }));
    expect(report.verdict).toBe('timeout');
    expect(report.tests[0]).toMatchObject({ name: 'first', status: 'fail' });
    expect(report.tests[0]?.message).toMatch(/Still running when the 10 s limit/);
    expect(report.tests[1]).toMatchObject({ name: 'second', status: 'skip' });
  });

  test('killed while loading the learner code: timeout explained', () => {
    const report = buildReport([{ type: 'loaded' }], facts({ killed: true, exitCode: null }));
    expect(report.verdict).toBe('timeout');
    expect(report.tests[0]?.message).toMatch(/top level/);
  });

  test('a syntax error is fail with the message, with workspace paths shown as file names', () => {
    const report = buildReport(
      [{ type: 'loaded' }, { type: 'module-error', message: 'Transform failed\n[ /tmp/ws/subject/sum.ts:1:64 ]' }, { type: 'done' }],
      facts({ workspaceDir: '/tmp/ws' }),
    );
    expect(report.verdict).toBe('fail');
    expect(report.tests).toEqual([{ name: 'Your code loads without errors', status: 'fail', message: 'Transform failed\n[ sum.ts:1:64 ]' }]);
  });

  test('Vitest never started: error, blaming the course', () => {
    const report = buildReport([], facts({ exitCode: 1, output: 'Cannot find module vitest' }));
    expect(report.verdict).toBe('error');
    expect(report.tests[0]?.message).toMatch(/not with your code/);
  });

  test('a grader with no tests is error', () => {
    expect(buildReport([{ type: 'loaded' }, { type: 'done' }], facts()).verdict).toBe('error');
  });

  test('a test timeout is a timeout verdict with advice for learners, not test authors', () => {
    const report = buildReport(
      [{ type: 'loaded' }, collected, { type: 'start', id: 'a' }, { type: 'end', id: 'a', status: 'fail', message: 'Test timed out in 3000ms.\nIf this is a long-running test, pass a timeout value', timedOut: true }, { type: 'start', id: 'b' }, { type: 'end', id: 'b', status: 'pass' }, { type: 'done' }],
      facts(),
    );
    expect(report.verdict).toBe('timeout');
    expect(report.tests[0]?.message).toMatch(/^Did not finish within 3 s/);
    expect(report.tests[0]?.message).not.toMatch(/timeout value/);
  });

  test('leaked timers, errors outside tests and floods of output fail an otherwise passing run', () => {
    const passing: JournalEvent[] = [{ type: 'loaded' }, { type: 'collected', tests: [{ id: 'a', name: 'first', task: 1 }] }, { type: 'start', id: 'a' }, { type: 'end', id: 'a', status: 'pass' }];
    const leaked = buildReport([...passing, { type: 'leaked-timers', timers: ['a setInterval every 10 ms'] }, { type: 'done' }], facts());
    expect(leaked.verdict).toBe('fail');
    expect(leaked.tests.at(-1)).toMatchObject({ name: 'Leaves no timers running', status: 'fail' });
    const outside = buildReport([...passing, { type: 'unhandled-error', message: 'process.exit unexpectedly called with "1"' }, { type: 'done' }], facts());
    expect(outside.verdict).toBe('fail');
    const flood = buildReport([...passing, { type: 'output', bytes: 5_000_000 }, { type: 'done' }], facts());
    expect(flood.verdict).toBe('fail');
    expect(flood.tests.at(-1)?.message).toMatch(/printed 4\.8 MB/);
    const busy = buildReport(passing, facts({ killed: true, exitCode: null }));
    expect(busy.verdict).toBe('timeout');
    expect(busy.tests.at(-1)).toMatchObject({ name: 'Lets the test run finish', status: 'fail' });
  });

  test('the process dying mid-test is fail, not pass', () => {
    const report = buildReport([{ type: 'loaded' }, collected, { type: 'start', id: 'a' }], facts({ exitCode: 1 }));
    expect(report.verdict).toBe('fail');
    expect(report.tests[1]).toMatchObject({ status: 'skip', message: 'Not run: the test process stopped.' });
  });
});

describe('assertion messages', () => {
  test('keep the label and one clean Expected/Received pair, without Vitest boilerplate', () => {
    const raw = 'the log when the task fails: expected \'open db | open file | task got db,fil…\' to be \'open db | open file | task got db,fil…\' // Object.is equality\nExpected: "open db | close db"\nReceived: "open db"';
    expect(tidyAssertion(raw)).toBe('the log when the task fails\nExpected: "open db | close db"\nReceived: "open db"');
  });
  test('a function that should not have thrown says what it threw, without [Function] or an undefined expectation', () => {
    const raw = 'connect(worker) should not throw: expected [Function] to not throw an error but \'Error: TODO: create a Mess…\' was thrown\n- Expected:\nundefined\n\n+ Received:\n"Error: TODO: create a MessageChannel"';
    expect(tidyAssertion(raw)).toBe('connect(worker) should not throw: it threw Error: TODO: create a MessageChannel');
  });
  test('a message without a pair keeps its matcher sentence, minus the boilerplate and +0', () => {
    expect(tidyAssertion('task called: expected +0 to be 1 // Object.is equality')).toBe('task called: expected 0 to be 1');
    expect(tidyAssertion('the lock: expected true to be false // Object.is equality\n- Expected\n+ Received\n\n- false\n+ true')).toBe(
      'the lock: expected true to be false',
    );
    const diff = "\n- Expected\n+ Received\n\n  [\n-   'b',\n+   'a',\n  ]";
    expect(tidyAssertion("order: expected [ 'a' ] to deeply equal [ 'b' ]" + diff), 'a diff of several lines stays, without the matcher sentence').toBe('order' + diff);
    expect(tidyAssertion("order: expected [ 'a', 'b' ] to deeply equal [ 'b', 'a' ]")).toBe("order: expected [ 'a', 'b' ] to deeply equal [ 'b', 'a' ]");
    expect(tidyAssertion('the sum +0.5 and x+0')).toBe('the sum +0.5 and x+0');
  });
});

describe('journal text', () => {
  test('round-trips events and ignores a line cut short by a kill', () => {
    const text = serializeEvent({ type: 'loaded' }) + serializeEvent({ type: 'start', id: 'a' }) + '{"type":"end","id":"a","sta';
    expect(parseJournalText(text)).toEqual([{ type: 'loaded' }, { type: 'start', id: 'a' }]);
  });
});

describe("a starter's TODO", () => {
  test('is said once, before the tests, naming the function and the first failing task; each test says it briefly', () => {
    const todo = { text: 'call fn, then wait', fn: 'retry()' };
    const events: JournalEvent[] = [
      { type: 'loaded' },
      { type: 'collected', tests: [{ id: 'a', name: 'first', task: 1 }, { id: 'b', name: 'second', task: 2 }] },
      { type: 'start', id: 'a' },
      { type: 'end', id: 'a', status: 'fail', message: "expected [] to deeply equal [ 'fn(1)' ]" },
      { type: 'start', id: 'b' },
      { type: 'end', id: 'b', status: 'fail', message: 'Error: TODO: call fn, then wait', todo },
      { type: 'done' },
    ];
    const report = buildReport(events, { exercise: 'x/y', durationMs: 1, killed: false, limitMs: 1000, exitCode: 1, output: '', outputBytes: 0 });
    expect(report.notice).toBe('Not implemented yet: retry() still throws the starter\'s "TODO: call fn, then wait". Start with task 1.');
    expect(report.tests[1]).toEqual({ name: 'second', task: 2, status: 'fail', message: 'Not implemented yet: retry() still throws its TODO.' });
    expect(gradeReportSchema.parse(report)).toEqual(report);
  });
});

describe('errors thrown where no test can catch them', () => {
  const frame = (fn: string, at: string) => `    at ${fn} (${at})`;
  const stack = (head: string, ...frames: string[]) => [head, ...frames].join('\n');
  test('a fake timer callback: its type, the callback, the learner\'s line', () => {
    const error = {
      name: 'TimeoutError',
      message: 'timed out after 100 ms',
      stack: stack('TimeoutError: timed out after 100 ms', frame('Timeout._onTimeout', '/tmp/ws/subject/with-timeout.ts:11:13'), frame('callTimer', 'file:///x/node_modules/vitest/dist/chunks/test.js:1773:25')),
    };
    expect(thrownFromCallback(error)).toBe(true);
    expect(describeUncaught(error)).toMatch(/^TimeoutError: timed out after 100 ms\nThrown from a timer callback at with-timeout\.ts:11 \(the test's fake clock ran it\), and not caught\./);
  });
  test('an assertion, or an error the test\'s own call threw, is not from a callback', () => {
    const thrown = { name: 'Error', message: 'x', stack: stack('Error: x', frame('f', '/tmp/ws/subject/a.ts:1:1'), frame('test', '/tmp/ws/grader.test.ts:3:3')) };
    expect(thrownFromCallback(thrown)).toBe(false);
    expect(thrownFromCallback({ ...thrown, name: 'AssertionError', stack: thrown.stack + '\n' + frame('callTimer', 'x.js:1:1') })).toBe(false);
  });
  test('a listener, with the test that was running; a support file is not the learner\'s line', () => {
    const error = {
      name: 'RangeError',
      message: 'exit 3',
      type: 'Uncaught Exception',
      VITEST_TEST_NAME: 'rejects on exit',
      stack: stack('RangeError: exit 3', frame('Worker.<anonymous>', '/w/subject/run.ts:10:15'), frame('Worker.emit', 'node:events:524:28'), frame('emit', '/w/subject/support/x.ts:2:2')),
    };
    expect(describeUncaught(error)).toMatch(/^RangeError: exit 3\nThrown from an event listener at run\.ts:10, and not caught, while the test "rejects on exit" was running\./);
  });
  test('an unhandled rejection says so, and where the error was made', () => {
    const error = { name: 'Error', message: 'nope', type: 'Unhandled Rejection', stack: stack('Error: nope', frame('f', '/w/subject/a.ts:4:9')) };
    expect(describeUncaught(error)).toBe(
      'Error: nope\nA promise rejected with it and nothing handled the rejection (the error was created at a.ts:4). Await the promise, return it, or attach .catch() to it: Node ends a program on an unhandled rejection.',
    );
  });
});
