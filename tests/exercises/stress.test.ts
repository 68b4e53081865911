// The stress check itself (`npm run stress`: 20 runs of every correct solution on both Nodes with every core
// loaded), proven able to fail: a grader that fails on every other run is reported, run by run, graded one Vitest
// per run or in batches. The full check is too long for `npm test`; every correct solution is graded there on both
// Nodes by tests/exercises/exercises.test.ts while the other test files keep both cores busy.
import { afterAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExercise } from '../../src/lib/exercises/load.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { loadCpu, stress } from '../../src/lib/runner/stress.ts';

const pinned = nodeRuntimes().slice(0, 1);
const work = mkdtempSync(join(tmpdir(), 'ct-stress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the stress check', () => {
  let counter = '';
  let flaky: ReturnType<typeof loadExercise>;
  test('reports a grader that passes only sometimes, naming the failed runs and the test', async () => {
    const fixtures = fileURLToPath(new URL('../fixtures/exercises/', import.meta.url));
    const root = join(work, 'exercises');
    cpSync(join(fixtures, 'event-loop/tiny-sum'), join(root, 'event-loop/tiny-sum'), { recursive: true });
    // A flaky grader: a counter file outside the workspace makes every second run fail.
    counter = join(work, 'runs.txt');
    writeFileSync(counter, '0');
    const grader = join(root, 'event-loop/tiny-sum/grader.test.ts');
    writeFileSync(
      grader,
      readFileSync(grader, 'utf8') +
        `\nimport { readFileSync as __read, writeFileSync as __write } from 'node:fs';\n` +
        `test('passes on odd runs only', () => {\n  const n = Number(__read(${JSON.stringify(counter)}, 'utf8')) + 1;\n  __write(${JSON.stringify(counter)}, String(n));\n  expect(n % 2, 'run number is odd').toBe(1);\n});\n`,
    );
    flaky = loadExercise(join(root, 'event-loop/tiny-sum'), root);
    const seen: number[] = [];
    const [summary] = await stress({ exercises: [flaky], runtimes: pinned, runs: 4, onRun: (run) => seen.push(run.index) });
    expect(seen, 'every run reported as it finishes').toEqual([1, 2, 3, 4]);
    expect(summary?.passed, 'runs that passed').toBe(2);
    expect(summary?.runs).toBe(4);
    expect(summary?.failures.map((f) => f.index), 'the failed runs').toEqual([2, 4]);
    expect(summary?.failures[0]?.problems.join('\n'), 'names the failing test').toMatch(/passes on odd runs only/);
  });

  test('batched, it still reports each run on its own: the flaky grader fails runs 2 and 4 of 4', async () => {
    writeFileSync(counter, '0');
    const seen: number[] = [];
    const [summary] = await stress({ exercises: [flaky], runtimes: pinned, runs: 4, batchSize: 4, onRun: (run) => seen.push(run.index) });
    expect(seen, 'every run reported').toEqual([1, 2, 3, 4]);
    expect(summary?.failures.map((f) => `${f.index} ${f.verdict}`), 'the failed runs').toEqual(['2 fail', '4 fail']);
    expect(summary?.failures[0]?.problems.join('\n'), 'names the failing test').toMatch(/passes on odd runs only/);
  });

  test('loads the CPU with busy processes and stops them', async () => {
    const load = loadCpu(2);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // utime, field 14 of /proc/<pid>/stat, in clock ticks (1/100 s).
    const cpuTicks = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[11]);
    expect(load.pids, 'one child per busy process').toHaveLength(2);
    // Each child must burn 0.2 s of CPU. Not measured against the clock (the machine may be busy): polled until
    // done, and a child that only waits never gets there.
    const busy = async () => {
      for (let i = 0; i < 150; i++) {
        if (load.pids.every((pid) => cpuTicks(pid) >= 20)) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    };
    expect(await busy(), `every busy child used 0.2 s of CPU (ticks: ${load.pids.map(cpuTicks).join(', ')})`).toBe(true);
    await load.stop();
    expect(load.pids.filter(alive), 'children still running after stop()').toEqual([]);
  });
});
