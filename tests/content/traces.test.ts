// The lessons' event-loop steppers show traces recorded on real Node (src/lib/trace/). Each stored trace must be
// what the tracer records today on Node 20 and on the pinned Node, the tracer must not change what a sample
// prints, and what a trace prints must be the lesson's Output block. Re-record with `npm run record-traces`.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadContent } from '../../src/lib/content/load.ts';
import { expectedOn, normalizeOutput } from '../../src/lib/content/samples.ts';
import { limiter } from '../../src/lib/runner/limiter.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { TRACED_SAMPLES, TRACES_ROOT, findSample, runSample, traceFilePath, traceFor, type Order, type TraceFile } from '../../src/lib/trace/record.ts';
import { buildSteps, type TraceEvent } from '../../src/lib/trace/steps.ts';

const runtimes = nodeRuntimes();
// Node starts take most of the time; four at a time keeps the file near five seconds on two cores.
const schedule = limiter(4);
/** Traced runs of a sample whose order Node does not fix: each must be one of the stored orders. */
const UNFIXED_RUNS = 3;
const text = (lines: string[]) => normalizeOutput(lines.join('\n'));

test('the pinned Node and Node 20 are both there to record on', () => {
  expect(runtimes.map((r) => r.major)).toContain(20);
  expect(runtimes.length).toBe(2);
});

describe.concurrent.each(TRACED_SAMPLES.map((name) => ({ name })))('$name', ({ name }) => {
  const sample = findSample(name);
  const stored = JSON.parse(readFileSync(traceFilePath(name), 'utf8')) as TraceFile;

  test('the stored trace is of this sample as the lesson shows it now', () => {
    expect(stored.sample).toBe(name);
    expect(stored.code).toBe(sample.code);
  });

  test.concurrent.each(runtimes.map((r) => ({ label: r.label, runtime: r })))('on $label: recording again gives the stored trace, and the output the lesson and the plain run give', async ({ runtime }) => {
    const trace = traceFor(stored, runtime.major);
    expect(trace, `no trace for Node ${runtime.major}`).toBeDefined();
    const allowed = expectedOn(sample, runtime.major)!.map(normalizeOutput);
    // Every order the lesson lists is stored (the stepper shows them all), and nothing else.
    expect(trace!.orders.map((o) => text(o.output)).sort()).toEqual([...allowed].sort());
    for (const order of trace!.orders) expect(text(order.steps.at(-1)!.output)).toBe(text(order.output));

    const runs = allowed.length > 1 ? UNFIXED_RUNS : 1;
    for (let i = 0; i < runs; i++) {
      const { stdout, events } = await schedule(() => runSample(sample, runtime, true));
      const built = buildSteps(events);
      const fresh: Order = { output: built.output, ...(built.cappedAfter !== undefined ? { cappedAfter: built.cappedAfter } : {}), steps: built.steps };
      expect(trace!.orders, `run ${i + 1}: the recording differs from ${relative(TRACES_ROOT, traceFilePath(name))}; npm run record-traces`).toContainEqual(fresh);
      expect(text(built.output), 'the trace records what the traced run printed').toBe(normalizeOutput(stdout));
    }
    const plain = normalizeOutput((await schedule(() => runSample(sample, runtime, false))).stdout);
    expect(trace!.orders.map((o) => text(o.output)), 'the tracer changed what the sample prints').toContain(plain);
  });
});

test('every trace file belongs to a listed sample', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const listed = new Set(TRACED_SAMPLES.map((s) => traceFilePath(s)));
  expect(files(TRACES_ROOT).filter((f) => !listed.has(f)).map((f) => relative(TRACES_ROOT, f))).toEqual([]);
});

test('every <LoopTrace> in a lesson names a sample with a stored trace', () => {
  const named = loadContent().lessons.flatMap((l) => [...l.text.matchAll(/<LoopTrace\s+sample="([^"]+)"/g)].map((m) => ({ file: l.file, sample: m[1]! })));
  const listed = new Set<string>(TRACED_SAMPLES);
  expect(named.filter((n) => !listed.has(n.sample) || !existsSync(traceFilePath(n.sample)))).toEqual([]);
});

describe('the step builder', () => {
  const at = (line: number): [string, number][] => [['', line]];
  test('drops a promise job that never ran, keeps a timer that never ran, and names callbacks by what they print', () => {
    const events: TraceEvent[] = [
      { t: 'schedule', id: 1, q: 'timers', via: 'setTimeout', frames: at(1), delay: 0 },
      { t: 'schedule', id: 2, q: 'microtask', via: 'await', frames: at(2) },
      { t: 'schedule', id: 3, q: 'microtask', via: 'Promise.then', frames: at(3) },
      { t: 'start', id: 3 },
      { t: 'log', text: 'hi', frames: at(3) },
      { t: 'end', id: 3 },
    ];
    const { steps, output } = buildSteps(events);
    expect(output).toEqual(['hi']);
    expect(steps.map((s) => s.microtasks)).not.toContainEqual(['resume @ line 2']);
    expect(steps[3]!.microtasks).toEqual(['“hi”']);
    expect(steps.at(-1)!.phases.timers).toEqual(['timeout @ line 1']);
    expect(steps.at(-1)!.stack).toEqual([]);
  });

  test('after the cap only the printed lines are kept, and the last step says the trace stopped', () => {
    const { steps, output, cappedAfter } = buildSteps([
      { t: 'schedule', id: 1, q: 'nextTick', via: 'nextTick', frames: at(1) },
      { t: 'cap', after: 1 },
      { t: 'log', text: 'later', frames: [] },
    ]);
    expect(cappedAfter).toBe(1);
    expect(output).toEqual(['later']);
    expect(steps.at(-1)!.output).toEqual(['later']);
    expect(steps.at(-1)!.say).toMatch(/stops after 1 recorded events/);
  });
});
