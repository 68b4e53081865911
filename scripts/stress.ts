// Usage: npm run stress -- [exercise-id...] [--runs N] [--load N] [--concurrency N] [--node pinned|20|both|none] [--in-page yes|no] [--reference-only] [--batch N] [--json]
// Grades every correct solution (the reference and each alt/) N times (default 20) in a row on each Node runtime
// while N busy processes (default: one per core) keep the CPU loaded. Every run must pass; exit code 1 names the
// runs that did not. Then the in-page pass (--in-page yes, the default): every exercise the page grades itself has its
// correct solutions graded N times by the browser runtime in headless Chromium, under the same load. --batch N (default 20) grades up to N runs of one exercise in one Vitest process, each run in its
// own workspace and forked worker (src/lib/runner/run-batch.ts); --batch 1 starts one Vitest per run.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { listExercises, resolveExercise } from '../src/lib/exercises/load.ts';
import { nodeRuntimes } from '../src/lib/runner/node-binaries.ts';
import { IN_PAGE, loadCpu, stress, stressInPage, type StressRun } from '../src/lib/runner/stress.ts';
import { sandboxPayload } from '../src/lib/course/sandbox-payload.ts';
import { variantsOf } from '../src/lib/exercises/variants.ts';

const usage = 'usage: npm run stress -- [exercise-id...] [--runs N] [--load N] [--concurrency N] [--node pinned|20|both|none] [--in-page yes|no] [--reference-only] [--batch N] [--json]';
let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '20' },
      load: { type: 'string', default: String(availableParallelism()) },
      concurrency: { type: 'string', default: '1' },
      batch: { type: 'string', default: '20' },
      node: { type: 'string', default: 'both' },
      'in-page': { type: 'string', default: 'yes' },
      json: { type: 'boolean', default: false },
      'reference-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}
const count = (name: 'runs' | 'load' | 'concurrency' | 'batch', min: number): number => {
  const value = Number(args.values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number >= ${min}, got "${args.values[name]}"\n${usage}`);
    process.exit(2);
  }
  return value;
};
const runs = count('runs', 1);
const load = count('load', 0);
const concurrency = count('concurrency', 1);
const batchSize = count('batch', 1);
const all = nodeRuntimes();
const runtimes = args.values.node === 'both' ? all : args.values.node === '20' ? all.filter((r) => r.label === 'node 20') : args.values.node === 'pinned' ? all.slice(0, 1) : [];
if (runtimes.length === 0 && args.values.node !== 'none') {
  console.error(`--node must be pinned, 20, both or none (and that Node must be installed), got "${args.values.node}"`);
  process.exit(2);
}
if (args.values['in-page'] !== 'yes' && args.values['in-page'] !== 'no') {
  console.error(`--in-page must be yes or no, got "${args.values['in-page']}"\n${usage}`);
  process.exit(2);
}
const inPage = args.values['in-page'] === 'yes';

const everything = listExercises();
const exercises = args.positionals.length
  ? args.positionals.map((query) => {
      const found = resolveExercise(query, everything);
      if (found.kind !== 'found') {
        console.error(`No single exercise matches "${query}"`);
        process.exit(2);
      }
      return found.exercise;
    })
  : everything;

const solutions = args.values['reference-only'] ? 'reference' : 'all';
const solutionCount = exercises.reduce((n, e) => n + (solutions === 'all' ? variantsOf(e).filter((v) => v.mustPass).length : 1), 0);
const inPageCount = inPage ? exercises.filter((e) => sandboxPayload(e).inPage).reduce((n, e) => n + (solutions === 'all' ? variantsOf(e).filter((v) => v.mustPass).length : 1), 0) : 0;
const total = (solutionCount * runtimes.length + inPageCount) * runs;
if (!args.values.json) {
  console.log(`Grading ${solutionCount} correct solution(s) of ${exercises.length} exercise(s) ${runs}x on ${[...runtimes.map((r) => r.label), ...(inPage ? [`${IN_PAGE} (${inPageCount} of them)`] : [])].join(' and ')} (${total} runs), ${batchSize === 1 ? 'one Vitest per run' : `up to ${batchSize} runs per Vitest process, each in its own worker`}, ${concurrency} at a time, with ${load} busy process(es) loading the CPU.`);
}
const cpuLoad = loadCpu(load);
const started = performance.now();
let done = 0;
let summaries;
try {
  const onRun = (run: StressRun) => {
    done++;
    if (args.values.json) return;
    if (run.verdict !== 'pass') {
      console.log(`  FAIL ${run.exercise} ${run.variant} on ${run.runtime}, run ${run.index}: ${run.verdict}`);
      for (const p of run.problems) console.log(`       ${p}`);
    } else if (done % 20 === 0 || done === total) {
      console.log(`  ${done}/${total} runs graded`);
    }
  };
  summaries = runtimes.length ? await stress({ exercises, runtimes, runs, concurrency, batchSize, solutions, onRun }) : [];
  if (inPage) summaries.push(...(await stressInPage({ exercises, runs, solutions, onRun })));
} finally {
  await cpuLoad.stop();
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const failed = summaries.filter((s) => s.passed < s.runs);
if (args.values.json) {
  console.log(JSON.stringify({ runs, load, concurrency, seconds: Number(seconds), summaries }, null, 2));
} else {
  const name = (s: (typeof summaries)[number]) => `${s.exercise} ${s.variant} (${s.runtime})`;
  const width = Math.max(...summaries.map((s) => name(s).length));
  console.log('');
  for (const s of summaries) {
    console.log(`${name(s).padEnd(width)}  ${String(s.passed).padStart(3)}/${s.runs} passed  median ${(s.medianMs / 1000).toFixed(1)} s  slowest ${(s.slowestMs / 1000).toFixed(1)} s`);
  }
  const runsPassed = summaries.reduce((n, s) => n + s.passed, 0);
  console.log(`\n${runsPassed}/${total} runs passed in ${seconds} s; ${failed.length ? `${failed.length} solution(s) failed at least once: ${failed.map((s) => `${s.exercise} ${s.variant} (${s.runtime})`).join(', ')}` : 'every solution passed every run'}`);
}
process.exitCode = failed.length ? 1 : 0;
