import { describe, expect, test } from 'vitest';
import { interleave, type Task } from '#subject/interleave.ts';

// Every task here writes to a shared work log *inside* its body, before each yield and when it finishes. The
// trace interleave returns says which order it claims; the work log shows which order the code really ran in.

/** A task named `name` with `steps` steps, yielding `${name}1`, `${name}2`, ... and logging its work. */
function worker(name: string, steps: number, work: string[]): Task {
  return function* () {
    for (let i = 1; i <= steps; i++) {
      work.push(`${name} works on step ${i}`);
      yield `${name}${i}`;
    }
    work.push(`${name} finishes`);
  };
}

/** Runs interleave; a throw becomes a failure that says which tasks were given. */
function run(tasks: readonly Task[], what: string): string[] {
  try {
    return interleave(tasks);
  } catch (error) {
    expect.fail(`interleave threw for ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

describe('1. Run one task step by step', () => {
  test('returns the names of its steps, in order', () => {
    const work: string[] = [];
    const trace = run([worker('a', 3, work)], 'one task a with 3 steps');
    expect(trace, 'the trace for one task a with 3 steps').toEqual(['a1', 'a2', 'a3']);
  });

  test('runs the task to its very end', () => {
    const work: string[] = [];
    run([worker('a', 2, work)], 'one task a with 2 steps');
    expect(work, 'the work log of one task a with 2 steps: keep calling next() until it reports done').toEqual([
      'a works on step 1',
      'a works on step 2',
      'a finishes',
    ]);
  });

  test('no tasks, or a task with no steps, gives an empty trace', () => {
    const work: string[] = [];
    expect(run([], 'an empty list of tasks'), 'interleave([])').toEqual([]);
    expect(run([worker('z', 0, work)], 'one task with no steps'), 'the trace for one task with no steps').toEqual([]);
    expect(work, 'the work log of a task with no steps: it still runs to its end').toEqual(['z finishes']);
  });
});

describe('2. Take turns, one step each', () => {
  test('two tasks of equal length alternate', () => {
    const work: string[] = [];
    const trace = run([worker('a', 3, work), worker('b', 3, work)], 'a and b with 3 steps each');
    expect(trace, 'the trace for a and b with 3 steps each').toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  });

  test('three tasks go round in the order they were given', () => {
    const work: string[] = [];
    const trace = run([worker('x', 2, work), worker('y', 2, work), worker('z', 2, work)], 'x, y and z with 2 steps each');
    expect(trace, 'the trace for x, y and z with 2 steps each: one step each per round, x first').toEqual([
      'x1',
      'y1',
      'z1',
      'x2',
      'y2',
      'z2',
    ]);
  });
});

describe('3. Drop tasks that finish', () => {
  test('the others carry on when a short task is done', () => {
    const work: string[] = [];
    const trace = run([worker('a', 1, work), worker('b', 3, work), worker('c', 2, work)], 'a (1 step), b (3), c (2)');
    expect(trace, 'the trace for a (1 step), b (3 steps), c (2 steps): after a ends, b and c keep taking turns').toEqual([
      'a1',
      'b1',
      'c1',
      'b2',
      'c2',
      'b3',
    ]);
  });

  test('no task loses its turn in the round where another one finishes', () => {
    const work: string[] = [];
    const trace = run(
      [worker('p', 2, work), worker('q', 1, work), worker('r', 3, work), worker('s', 3, work)],
      'p (2 steps), q (1), r (3), s (3)',
    );
    expect(
      trace,
      'the trace for p (2 steps), q (1), r (3), s (3). When q finishes in round 2, r and s must still get their round-2 step ' +
        '(removing an element while looping over an array by index skips the next one)',
    ).toEqual(['p1', 'q1', 'r1', 's1', 'p2', 'r2', 's2', 'r3', 's3']);
  });

  test('a task with no steps takes no turn', () => {
    const work: string[] = [];
    const trace = run([worker('e', 0, work), worker('f', 2, work), worker('g', 2, work)], 'e (no steps), f (2), g (2)');
    expect(trace, 'the trace for e (no steps), f (2 steps), g (2 steps)').toEqual(['f1', 'g1', 'f2', 'g2']);
  });
});

describe('4. Run each step only when its turn comes', () => {
  test("the tasks' work really interleaves, not just the trace", () => {
    const work: string[] = [];
    run([worker('a', 2, work), worker('b', 2, work)], 'a and b with 2 steps each');
    expect(
      work.join(', '),
      `the order in which the tasks' code actually ran, for a and b with 2 steps each (yours: ${work.join(', ')}). ` +
        'Running a generator to the end (spreading it, or a for...of) runs all its steps at once: the trace may look ' +
        'interleaved, but the work was sequential',
    ).toBe('a works on step 1, b works on step 1, a works on step 2, b works on step 2, a finishes, b finishes');
  });

  test('no task starts before the scheduler gives it its first turn', () => {
    const work: string[] = [];
    const early: string[] = [];
    // Each task notes how many lines of work had already been logged, anywhere, at the moment its body started.
    const watched = (name: string): Task =>
      function* () {
        early.push(`${name} starts after ${work.length} lines of work`);
        yield* worker(name, 2, work)();
      };
    run([watched('a'), watched('b'), watched('c')], 'a, b and c with 2 steps each');
    expect(
      early.join(', '),
      `when each task began (yours: ${early.join(', ')}); each should begin at its first turn, one step after the task before it`,
    ).toBe('a starts after 0 lines of work, b starts after 1 lines of work, c starts after 2 lines of work');
  });
});
