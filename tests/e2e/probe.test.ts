// `npm run probe:webcontainer` end to end, in Chromium, with local Node 20 standing in for WebContainer (this
// machine cannot reach StackBlitz): the page boots through the real WebContainer runtime, downloads and "mounts" the
// real snapshot, runs every conformance check, grades two versions of an exercise and compares them with local
// Node's reports, and offers a recording the course can read. So the page works the day someone opens it online.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, ROOT, watchForProblems } from './browser.ts';
import { parseConformance } from '../../src/lib/probe/conformance.ts';
import { CHECKS } from '../../src/lib/probe/checks.ts';
import { cleanEnv } from '../../src/lib/runner/clean-env.ts';

const NODE = `${ROOT}node_modules/node/bin/node`;
const EXERCISE = 'event-loop/predict-the-order';
let server: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  server = spawn(
    NODE,
    ['scripts/probe-webcontainer.ts', '--container', 'local', '--host', '127.0.0.1', '--port', '0', '--only', EXERCISE, '--variants', 'solution,wrong/promise-before-next-tick'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() },
  );
  let printed = '';
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the probe server did not start within 60 s:\n${printed}`)), 60_000);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.once('exit', (code) => reject(new Error(`the probe server exited (${code}):\n${printed}`)));
  });
  browser = await launch();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

test('runs every check and grades each version as local Node does, then offers the recording', async () => {
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${url}?start=1`);
  await page.waitForSelector('body[data-done]', { timeout: 150_000 });

  const status = await page.textContent('#status');
  expect(status).toMatch(/^Done: (\d+) of \1 checks as on Node; 2 of 2 versions of 1 exercises graded as on Node\.$/);
  const checkRows = await page.$$eval('#checks tbody tr', (rows) => rows.map((r) => [(r as HTMLTableRowElement).dataset.check, (r as HTMLTableRowElement).cells[2]!.textContent]));
  // The static checks and one per event-loop program or scenario a grader compares with.
  expect(checkRows.length).toBeGreaterThan(CHECKS.length);
  expect(checkRows.filter(([, result]) => result !== 'same as Node')).toEqual([]);
  const gradeRows = await page.$$eval('#grades tbody tr', (rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent)));
  expect(gradeRows.map((r) => [r[1], r[4]])).toEqual([
    ['solution', 'same'],
    ['wrong/promise-before-next-tick', 'same'],
  ]);
  expect(gradeRows[0]![3]).toMatch(/^pass /);
  expect(gradeRows[1]![3]).toMatch(/^fail /);

  const recording = parseConformance(await page.inputValue('#result'));
  expect(recording.browserName).toMatch(/Chrom/);
  expect(recording.versions.webcontainerNode).toMatch(/^v20\./);
  expect(recording.exercises.map((e) => e.id)).toEqual([EXERCISE]);
  expect(await page.getAttribute('#download', 'download')).toBe('webcontainer-conformance.json');
  expect(await page.isVisible('#download')).toBe(true);
  const flag = await page.$eval(`#flags tr[data-exercise="${EXERCISE}"]`, (r) => (r as HTMLTableRowElement).cells[2]!.textContent);
  expect(flag).toBe('graded in WebContainer');
  expect(problems).toEqual([]);
}, 180_000);
