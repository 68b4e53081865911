// Records the traces <LoopTrace> steps through: each listed lesson sample runs on real Node with tracer.cjs
// preloaded, on every Node we support, and its events become steps (steps.ts). Stored beside the lessons as
// src/content/traces/<module>/<sample file>.trace.json by `npm run record-traces`; tests/content/traces.test.ts
// records them again and compares.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { PROJECT_ROOT } from '../exercises/load.ts';
import { loadContent } from '../content/load.ts';
import { expectedOn, normalizeOutput, runnableSamples, type RunnableSample } from '../content/samples.ts';
import type { NodeRuntime } from '../runner/node-binaries.ts';
import { buildSteps, type Step, type TraceEvent } from './steps.ts';

export const TRACER = join(PROJECT_ROOT, 'src/lib/trace/tracer.cjs');
export const TRACES_ROOT = join(PROJECT_ROOT, 'src/content/traces');

/** The lesson samples that have a stepper, as `<module>/<file name>`; short ones, since every step is shown. */
export const TRACED_SAMPLES = [
  'event-loop/three-queues.mjs',
  'event-loop/drain-completely.mjs',
  'event-loop/immediates.cjs',
  'event-loop/where-it-runs.mjs',
  'event-loop/tick-vs-promise.cjs',
  'event-loop/timeout-or-immediate.cjs',
  'event-loop/after-io.mjs',
  'event-loop/starve-or-yield.mjs',
  'promises/chaining.mjs',
  'async-iteration/lazy.mjs',
] as const;

/** Events recorded before the tracer stops (the starvation sample would otherwise record 300,000). */
export const MAX_EVENTS = 120;
/** Runs allowed to see every order of a sample whose order Node does not fix. */
const MAX_TRIES = 60;

export interface Order {
  /** What the run printed, line by line (equal to the last step's output). */
  output: string[];
  cappedAfter?: number;
  steps: Step[];
}
/** One recording per order Node may pick; one entry unless the lesson says "Output, one of". */
export interface NodeTrace {
  orders: Order[];
}
export interface TraceFile {
  sample: string;
  /** The sample's code, so that a stepper shows what ran and a changed sample is noticed. */
  code: string;
  /** Keyed by Node major version; a version that recorded the same trace as another names it (`"same as 24"`). */
  node: Record<string, NodeTrace | `same as ${number}`>;
}

export const traceFilePath = (sample: string) => join(TRACES_ROOT, `${sample}.trace.json`);

export function readTrace(sample: string): TraceFile {
  if (!(TRACED_SAMPLES as readonly string[]).includes(sample)) throw new Error(`no recorded trace for "${sample}": add it to TRACED_SAMPLES in src/lib/trace/record.ts and run npm run record-traces`);
  return JSON.parse(readFileSync(traceFilePath(sample), 'utf8')) as TraceFile;
}

export function findSample(sample: string): RunnableSample {
  const [module, filename] = sample.split('/');
  for (const lesson of loadContent().lessons) {
    if (lesson.id.split('/')[0] !== module) continue;
    const found = runnableSamples(lesson.text).samples.find((s) => s.filename === filename);
    if (found) return found;
  }
  throw new Error(`no runnable sample ${filename} in the ${module} lessons`);
}

const execFileAsync = promisify(execFile);

/** Runs the sample's code as its own file, with the tracer when `traced`; resolves to stdout and the events. */
export async function runSample(sample: RunnableSample, runtime: NodeRuntime, traced: boolean): Promise<{ stdout: string; events: TraceEvent[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-trace-'));
  try {
    writeFileSync(join(dir, sample.filename), sample.code);
    const out = join(dir, 'events.jsonl');
    const args = traced ? ['--require', TRACER, sample.filename] : [sample.filename];
    const env = { ...process.env, NODE_OPTIONS: '', TRACE_OUT: traced ? out : '', TRACE_MAX_EVENTS: String(MAX_EVENTS) };
    const { stdout } = await execFileAsync(runtime.path, args, { cwd: dir, encoding: 'utf8', timeout: 20_000, env });
    const events = traced
      ? readFileSync(out, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as TraceEvent)
      : [];
    return { stdout, events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Records a sample on one Node: once, or until each order the lesson lists has been seen (bounded tries). */
export async function recordOn(sample: RunnableSample, runtime: NodeRuntime): Promise<NodeTrace> {
  const allowed = (expectedOn(sample, runtime.major) ?? []).map(normalizeOutput);
  const seen = new Map<string, Order>();
  for (let i = 0; i < MAX_TRIES && seen.size < Math.max(1, allowed.length); i++) {
    const { stdout, events } = await runSample(sample, runtime, true);
    const built = buildSteps(events);
    const order: Order = { output: built.output, ...(built.cappedAfter !== undefined ? { cappedAfter: built.cappedAfter } : {}), steps: built.steps };
    const key = normalizeOutput(stdout);
    if (!seen.has(key)) seen.set(key, order);
  }
  // In the lesson's order, so that the same runs always give the same file.
  const rank = (output: string) => (allowed.indexOf(output) + 1 || allowed.length + 1);
  return { orders: [...seen.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, order]) => order) };
}

/** The whole trace file: recorded on every runtime, a Node version equal to one before it stored once. */
export async function recordTrace(name: string, runtimes: NodeRuntime[]): Promise<TraceFile> {
  const sample = findSample(name);
  const byMajor = await Promise.all(runtimes.map(async (r) => [r.major, await recordOn(sample, r)] as const));
  byMajor.sort(([a], [b]) => b - a);
  const node: TraceFile['node'] = {};
  byMajor.forEach(([major, trace], i) => {
    const same = byMajor.slice(0, i).find(([, other]) => isDeepStrictEqual(other, trace));
    node[String(major)] = same ? `same as ${same[0]}` : trace;
  });
  return { sample: name, code: sample.code, node };
}

/** The recording a Node version uses, following a "same as" reference. */
export function traceFor(file: TraceFile, major: number): NodeTrace | undefined {
  const entry = file.node[String(major)];
  if (typeof entry === 'string') return traceFor(file, Number(entry.replace('same as ', '')));
  return entry;
}

export const serialize = (file: TraceFile) => JSON.stringify(file, null, 1) + '\n';
