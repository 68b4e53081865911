// The probe's conformance checks state what real Node prints; hold them to it on Node 20 and Node 24, so that a
// difference the probe reports in WebContainer is WebContainer's, not a wrong expectation.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { CHECKS, outputLines } from '../../src/lib/probe/checks.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { cleanEnv } from '../../src/lib/runner/clean-env.ts';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'probe-checks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('outputLines drops carriage returns, colour codes and blank lines', () => {
  expect(outputLines('\x1b[32mok\x1b[39m\r\n\r\nnext  \r\n')).toEqual(['ok', 'next']);
});

test('every check has a unique id and names real exercises', async () => {
  const { listExercises } = await import('../../src/lib/exercises/load.ts');
  const ids = new Set(listExercises().map((e) => e.meta.id));
  expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  expect(CHECKS.flatMap((c) => c.usedBy).filter((id) => !ids.has(id))).toEqual([]);
});

describe.each(nodeRuntimes())('on $label', (runtime) => {
  test.concurrent.each(CHECKS)('$id prints what the check expects', async (check) => {
    const dir = join(work, `${runtime.major}-${check.id}`);
    for (const [name, text] of Object.entries(check.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const { stdout, stderr } = await run(runtime.path, [check.main], { cwd: dir, timeout: 15_000, env: cleanEnv() });
    expect(outputLines(stdout + stderr), `${check.id} on ${runtime.label}`).toEqual(check.expected);
  });
});
