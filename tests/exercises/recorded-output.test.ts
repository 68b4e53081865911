// The Node output that graders keep instead of running Node while grading (src/lib/exercises/recorded-output.ts):
// recorded again here on Node 24 and Node 20, twice on each, and compared with what the graders hold. A stale
// record, an order that is not fixed, or a support/ program without a record fails here, not in a learner's grade.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/lib/exercises/load.ts';
import {
  PREDICT_SUPPORT_DIR,
  RECORDED_GRADERS,
  RecordBlockError,
  miniEventLoop,
  parseRecord,
  predictTheOrder,
  programsIn,
  readRecord,
  recordChanges,
  replaceRecord,
  scenariosOf,
} from '../../src/lib/exercises/recorded-output.ts';
import { limiter } from '../../src/lib/runner/limiter.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';

const runtimes = nodeRuntimes();
// Two runs per Node: an order that changes from run to run must show up as two different recordings.
const RUNS = 2;
// A few Node processes at a time: the machine has two cores, shared with the other test files.
const schedule = limiter(3);

const block = (value: string) =>
  [
    "import { test } from 'vitest';",
    '',
    '// recorded from Node: begin (kept by a script)',
    `const PRINTS: Record<string, string[]> = ${value};`,
    '// recorded from Node: end',
    '',
    "test('uses PRINTS', () => {});",
    '',
  ].join('\n');

describe('the record block in a grader', () => {
  test('reads the JSON value between the two marker lines', () => {
    expect(parseRecord(block('{ "b.mjs": ["x"], "a.cjs": [] }'), 'g.ts')).toEqual({ 'b.mjs': ['x'], 'a.cjs': [] });
    // A value spread over several lines, as the script writes it.
    expect(parseRecord(block('{\n  "a": [\n    "x"\n  ]\n}'), 'g.ts')).toEqual({ a: ['x'] });
  });

  test('names the file when a marker is missing, doubled or out of order', () => {
    const text = block('{}');
    const withoutEnd = text.replace('// recorded from Node: end', '');
    const doubled = `${text}\n// recorded from Node: begin\n`;
    const swapped = text
      .replace('// recorded from Node: begin (kept by a script)', '// recorded from Node: END-SLOT')
      .replace('// recorded from Node: end', '// recorded from Node: begin')
      .replace('// recorded from Node: END-SLOT', '// recorded from Node: end');
    expect(() => parseRecord(withoutEnd, 'exercises/x/grader.test.ts')).toThrow(/^exercises\/x\/grader\.test\.ts: expected one line .* found 1 and 0$/);
    expect(() => parseRecord(doubled, 'g.ts')).toThrow(/^g\.ts: .*found 2 and 1$/);
    expect(() => parseRecord(swapped, 'g.ts')).toThrow(/^g\.ts: .* comes before /);
    expect(() => parseRecord(text, 'g.ts')).not.toThrow();
  });

  test('names the file when the value is not JSON or there is no const', () => {
    expect(() => parseRecord(block("{ 'a.mjs': [] }"), 'g.ts')).toThrow(RecordBlockError);
    expect(() => parseRecord(block("{ 'a.mjs': [] }"), 'g.ts')).toThrow(/^g\.ts: the record block's value is not JSON: /);
    expect(() => parseRecord(block('{}').replace('const PRINTS', 'PRINTS'), 'g.ts')).toThrow(/^g\.ts: between the record markers/);
  });

  test('rewrites only the value, as 2-space JSON with keys sorted, and reads it back', () => {
    const text = block('{}');
    const rewritten = replaceRecord(text, { 'b.mjs': ['y'], 'a.cjs': { prints: ['x'], body: ['1'] } }, 'g.ts');
    expect(rewritten).toBe(
      block('{\n  "a.cjs": {\n    "body": [\n      "1"\n    ],\n    "prints": [\n      "x"\n    ]\n  },\n  "b.mjs": [\n    "y"\n  ]\n}'),
    );
    expect(parseRecord(rewritten, 'g.ts')).toEqual({ 'a.cjs': { body: ['1'], prints: ['x'] }, 'b.mjs': ['y'] });
    // Writing the same value again leaves the text as it is.
    expect(replaceRecord(rewritten, parseRecord(rewritten, 'g.ts'), 'g.ts')).toBe(rewritten);
  });

  test('a mini-event-loop record needs a body and prints for every scenario', () => {
    const good = { 'two timers': { body: ['api.log(1);'], prints: ['1'] } };
    expect(scenariosOf(good, 'g.ts')).toEqual(good);
    expect(() => scenariosOf({ 'two timers': { body: ['api.log(1);'] } }, 'g.ts')).toThrow(
      /^g\.ts: scenario "two timers" needs "body" and "prints"/,
    );
    expect(() => scenariosOf([good], 'g.ts')).toThrow(/^g\.ts: the record must be an object of scenarios/);
  });

  test('says what changed between two records, entry by entry', () => {
    expect(recordChanges({ a: ['x'], b: ['y'] }, { a: ['x'], b: ['y'] })).toEqual([]);
    expect(recordChanges({ a: ['x'], gone: [] }, { a: ['z'], fresh: ['y'] })).toEqual([
      'changed a: ["x"] -> ["z"]',
      'added fresh: ["y"]',
      'removed gone',
    ]);
    expect(recordChanges({ s: { body: ['1'], prints: [] } }, { s: { body: ['1'], prints: ['p'] } })).toEqual([
      'changed s / prints: [] -> ["p"]',
    ]);
  });
});

describe('the Node output recorded in graders', () => {
  test('is recorded on Node 20 and on the pinned Node', () => {
    expect(runtimes.map((r) => r.major === 20), 'which runtimes are Node 20 (npm install provides both)').toEqual([false, true]);
  });

  test.each(RECORDED_GRADERS.map((grader) => [grader.exercise, grader] as const))(
    '%s: the record in the grader is what Node 24 and Node 20 print now, on every run',
    async (_id, grader) => {
      const file = relative(PROJECT_ROOT, grader.grader);
      const stored = readRecord(grader.grader);
      const recordings = await Promise.all(
        runtimes.flatMap((runtime) =>
          Array.from({ length: RUNS }, async (_, run) => ({
            label: `Node ${runtime.major}, run ${run + 1}`,
            value: await grader.record(runtime.path, stored, schedule),
          })),
        ),
      );
      // One comparison for every run, so a failure shows at once which Node and which run differ, and how.
      expect(
        Object.fromEntries(recordings.map(({ label, value }) => [label, value])),
        `what Node printed now (Received) vs the record in ${file} (Expected); if Node's order changed for good, npm run record-output ` +
          'rewrites it (and refuses while runs or Nodes disagree)',
      ).toEqual(Object.fromEntries(recordings.map(({ label }) => [label, stored])));
    },
  );

  test('predict-the-order: one record per program in support/, no more, no less', () => {
    const stored = readRecord(predictTheOrder.grader) as Record<string, unknown>;
    expect(Object.keys(stored).sort(), `the programs recorded in the grader vs the files in ${relative(PROJECT_ROOT, PREDICT_SUPPORT_DIR)}`).toEqual(
      programsIn(PREDICT_SUPPORT_DIR),
    );
  });

  test('mini-event-loop: every recorded scenario is checked by a test, and every test names a recorded one', () => {
    const scenarios = Object.keys(scenariosOf(readRecord(miniEventLoop.grader), 'mini-event-loop grader')).sort();
    const source = readFileSync(miniEventLoop.grader, 'utf8');
    const named = [...source.matchAll(/expectSameAsNode\(\s*'((?:\\.|[^'\\])*)'\s*\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')).sort();
    expect(named, 'the scenarios the grader\'s tests check vs those recorded in it').toEqual(scenarios);
  });

  test('the graders start no Node process of their own', () => {
    for (const { grader } of RECORDED_GRADERS) {
      const source = readFileSync(grader, 'utf8');
      expect(source.match(/child_process|execPath|\bspawn|\bfork\(/g) ?? [], `process starts in ${relative(PROJECT_ROOT, grader)}`).toEqual([]);
    }
  });
});
