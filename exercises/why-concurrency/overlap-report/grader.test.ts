import { describe, expect, test } from 'vitest';
import { overlapReport, type TaskEvent } from '#subject/overlap.ts';

type Span = [task: string, start: number, end: number];

/** A log in time order (ends before starts at equal times), built from [task, start, end] spans. */
function sortedLog(...spans: Span[]): TaskEvent[] {
  const events: TaskEvent[] = [];
  for (const [task, start, end] of spans) {
    events.push({ task, type: 'start', at: start }, { task, type: 'end', at: end });
  }
  const rank = (e: TaskEvent) => (e.type === 'end' ? 0 : 1);
  return events.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}

/** The log as one short line: "a↑0" is a start at 0, "a↓3" an end at 3. */
const show = (events: readonly TaskEvent[]) =>
  events.length === 0 ? '(empty log)' : events.map((e) => `${e.task}${e.type === 'start' ? '↑' : '↓'}${e.at}`).join(' ');

/** Calls the learner's function; a throw becomes a failure that names the log. */
function reportFor(events: readonly TaskEvent[]) {
  try {
    return overlapReport(events);
  } catch (error) {
    expect.fail(`overlapReport threw for the log ${show(events)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function expectMax(events: readonly TaskEvent[], expected: number, why: string) {
  const report = reportFor(events);
  expect(report.maxInFlight, `maxInFlight for the log ${show(events)} (↑ start, ↓ end): ${why}`).toBe(expected);
}

describe('1. Count the tasks in flight', () => {
  test('one task alone: at most 1 in flight', () => {
    expectMax(sortedLog(['a', 0, 5]), 1, 'a single task');
  });

  test('tasks one after the other, with gaps: at most 1', () => {
    expectMax(sortedLog(['a', 0, 2], ['b', 3, 5], ['c', 7, 9]), 1, 'each task ends before the next one starts');
  });

  test('three overlapping tasks: at most 3', () => {
    expectMax(sortedLog(['soup', 0, 6], ['steak', 1, 4], ['cake', 2, 8]), 3, 'all three are running between 2 and 4');
  });

  test('the count goes down when tasks end: many tasks, never more than 2 at once', () => {
    expectMax(
      sortedLog(['a', 0, 4], ['b', 2, 6], ['c', 5, 9], ['d', 7, 11], ['e', 10, 14]),
      2,
      'five tasks, but each one starts only after the one before the previous has ended; an end must take a task off the count',
    );
  });

  test('an empty log has 0 in flight', () => {
    expectMax([], 0, 'nothing ran');
  });
});

describe('2. Ends come before starts at the same time', () => {
  test('a task that starts exactly when another ends does not overlap it', () => {
    expectMax(
      sortedLog(['a', 0, 5], ['b', 5, 9]),
      1,
      'a is in flight over [0, 5) and b over [5, 9): at time 5 a has ended and b has started, a hand-over, not an overlap',
    );
  });

  test('a relay of hand-overs stays sequential', () => {
    const events = sortedLog(['a', 0, 3], ['b', 3, 6], ['c', 6, 9], ['d', 9, 12]);
    expectMax(events, 1, 'every task starts at the very moment the previous one ends');
    expect(reportFor(events).mode, `mode for the relay ${show(events)}`).toBe('sequential');
  });

  test('a tie in the middle of a busy run is not counted twice', () => {
    expectMax(
      sortedLog(['a', 0, 4], ['b', 1, 6], ['c', 4, 8], ['d', 6, 9]),
      2,
      'at 4, a ends as c starts, and at 6, b ends as d starts: never more than 2',
    );
  });
});

describe('3. Accept events in any order', () => {
  test('a log written in reverse gives the same answer', () => {
    const events = sortedLog(['a', 0, 4], ['b', 1, 6], ['c', 2, 3]).reverse();
    expectMax(events, 3, 'replay the events sorted by time, not in the order they are listed');
  });

  test('a shuffled log with a tie gives the same answer', () => {
    const events: TaskEvent[] = [
      { task: 'b', type: 'start', at: 5 },
      { task: 'a', type: 'end', at: 5 },
      { task: 'c', type: 'end', at: 12 },
      { task: 'a', type: 'start', at: 0 },
      { task: 'c', type: 'start', at: 6 },
      { task: 'b', type: 'end', at: 10 },
    ];
    expectMax(events, 2, 'sorted, it reads a↑0 a↓5 b↑5 c↑6 b↓10 c↓12: b and c overlap from 6 to 10, a and b only touch at 5');
  });

  test("leaves the caller's log as it was", () => {
    // First a log the code can change, to show what it did to it; then a frozen one, which it must only read.
    const log = sortedLog(['a', 2, 4], ['b', 0, 3]).reverse();
    const asGiven = show(log);
    reportFor(log);
    const sameEvents = log.map((e) => show([e])).sort().join() === asGiven.split(' ').sort().join();
    expect(
      show(log),
      "the caller's log after overlapReport(log) returned (↑ start, ↓ end): it must stay as it was" +
        (sameEvents ? ', but its events were reordered: sort() reorders the very array it is called on' : ''),
    ).toBe(asGiven);
    const events = Object.freeze(sortedLog(['a', 2, 4], ['b', 0, 3]).reverse());
    const before = show(events);
    let threw: unknown;
    try {
      overlapReport(events);
    } catch (error) {
      threw = error;
    }
    expect(
      threw === undefined ? 'no error' : String(threw),
      `overlapReport on a frozen log ${before}: it may read the caller's array but not change it`,
    ).toBe('no error');
    expect(show(events), 'the log after overlapReport read it').toBe(before);
  });
});

describe('4. Report the peak and the verdict', () => {
  test('peakAt is the moment the peak is first reached', () => {
    const events = sortedLog(['soup', 0, 6], ['steak', 1, 4], ['cake', 2, 8]);
    expect(reportFor(events), `the report for ${show(events)}`).toEqual({ maxInFlight: 3, peakAt: 2, mode: 'concurrent' });
  });

  test('when the peak is reached again later, peakAt keeps the first time', () => {
    const events = sortedLog(['a', 0, 4], ['b', 1, 3], ['c', 6, 9], ['d', 7, 8]);
    expect(reportFor(events), `the report for ${show(events)}: 2 in flight from 1 and again from 7`).toEqual({
      maxInFlight: 2,
      peakAt: 1,
      mode: 'concurrent',
    });
  });

  test('one task at a time is sequential, peaking when the first task starts', () => {
    const events = sortedLog(['a', 3, 5], ['b', 5, 8], ['c', 10, 11]);
    expect(reportFor(events), `the report for ${show(events)}`).toEqual({ maxInFlight: 1, peakAt: 3, mode: 'sequential' });
  });

  test('an empty log: nothing in flight, no peak, sequential', () => {
    expect(reportFor([]), 'the report for an empty log').toEqual({ maxInFlight: 0, peakAt: null, mode: 'sequential' });
  });
});
