// Usage: npm run record-traces [<module>/<file> ...]
// Records afresh the traces the lessons' event-loop steppers show (src/lib/trace/record.ts lists the samples):
// each sample runs with the tracer on every Node we support, and its trace file is rewritten. A recording whose
// output differs from the same sample run without the tracer is not written (exit 1): the tracer must never
// change what a program does.
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { PROJECT_ROOT } from '../src/lib/exercises/load.ts';
import { normalizeOutput } from '../src/lib/content/samples.ts';
import { limiter } from '../src/lib/runner/limiter.ts';
import { nodeRuntimes } from '../src/lib/runner/node-binaries.ts';
import { TRACED_SAMPLES, findSample, recordTrace, runSample, serialize, traceFilePath, traceFor } from '../src/lib/trace/record.ts';

const runtimes = nodeRuntimes();
if (!runtimes.some((r) => r.major === 20) || runtimes.length < 2) {
  console.error(`record-traces needs Node 20 and the pinned Node, found ${runtimes.map((r) => r.label).join(', ')}: run npm install`);
  process.exit(1);
}
const wanted = process.argv.slice(2);
const names = wanted.length ? TRACED_SAMPLES.filter((s) => wanted.includes(s)) : [...TRACED_SAMPLES];
const schedule = limiter(3);
let failed = 0;
await Promise.all(
  names.map((name) =>
    schedule(async () => {
      const file = await recordTrace(name, runtimes);
      const sample = findSample(name);
      for (const runtime of runtimes) {
        const plain = normalizeOutput((await runSample(sample, runtime, false)).stdout);
        const orders = traceFor(file, runtime.major)!.orders.map((o) => normalizeOutput(o.output.join('\n')));
        if (!orders.includes(plain)) {
          console.error(`${name} on Node ${runtime.major}: the traced output differs from the plain run's; not written`);
          failed++;
          return;
        }
      }
      const path = traceFilePath(name);
      mkdirSync(dirname(path), { recursive: true });
      const text = serialize(file);
      const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      writeFileSync(path, text);
      const orders = Object.entries(file.node).map(([major, t]) => `Node ${major}: ${typeof t === 'string' ? t : `${t.orders.length} order(s), ${t.orders.map((o) => o.steps.length).join('/')} steps`}`);
      console.log(`${before === text ? 'unchanged' : 'written  '} ${relative(PROJECT_ROOT, path)} (${orders.join('; ')})`);
    }),
  ),
);
process.exit(failed ? 1 : 0);
