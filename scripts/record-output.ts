// Usage: npm run record-output
// Records afresh the Node output kept in graders (src/lib/exercises/recorded-output.ts lists them): every program
// or scenario runs twice on Node 24 and twice on Node 20. If any two of those recordings disagree, the order is not
// one the course may ask for, and nothing is written (exit 1). Otherwise each grader's record block is rewritten
// and what changed is printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PROJECT_ROOT } from '../src/lib/exercises/load.ts';
import { RECORDED_GRADERS, recordChanges, readRecord, replaceRecord } from '../src/lib/exercises/recorded-output.ts';
import { limiter } from '../src/lib/runner/limiter.ts';
import { nodeRuntimes } from '../src/lib/runner/node-binaries.ts';

const RUNS = 2;
const runtimes = nodeRuntimes();
if (!runtimes.some((r) => r.major === 20) || !runtimes.some((r) => r.major !== 20)) {
  console.error(`record-output needs Node 20 and the pinned Node, found ${runtimes.map((r) => r.label).join(', ')}: run npm install`);
  process.exit(1);
}

const schedule = limiter(3);
const results = await Promise.all(
  RECORDED_GRADERS.map(async (grader) => {
    const file = relative(PROJECT_ROOT, grader.grader);
    const stored = readRecord(grader.grader);
    const recordings = await Promise.all(
      runtimes.flatMap((runtime) =>
        Array.from({ length: RUNS }, async (_, run) => ({
          label: `Node ${runtime.major} (${runtime.label}), run ${run + 1}`,
          value: await grader.record(runtime.path, stored, schedule),
        })),
      ),
    );
    return { grader, file, stored, recordings };
  }),
);

let disagreements = 0;
for (const { file, recordings } of results) {
  const [first, ...others] = recordings;
  for (const other of others) {
    if (isDeepStrictEqual(other.value, first!.value)) continue;
    disagreements++;
    console.error(`${file}: ${other.label} differs from ${first!.label}:`);
    for (const line of recordChanges(first!.value, other.value)) console.error(`  ${line}`);
  }
}
if (disagreements) {
  console.error('Nothing written: a grader may only hold output that every run on both Nodes agrees on.');
  process.exit(1);
}

for (const { grader, file, stored, recordings } of results) {
  const fresh = recordings[0]!.value;
  const changes = recordChanges(stored, fresh);
  const text = readFileSync(grader.grader, 'utf8');
  const rewritten = replaceRecord(text, fresh, file);
  if (rewritten !== text) writeFileSync(grader.grader, rewritten);
  // A rewrite with no changed entry only re-formatted the block.
  const summary = changes.length ? '' : rewritten === text ? ': unchanged' : ': same output, block re-formatted';
  console.log(`${file}${summary}`);
  for (const line of changes) console.log(`  ${line}`);
}
