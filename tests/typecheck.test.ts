// TypeScript in strict mode everywhere: the site, the CLI, the tests, and every exercise variant with its grader.
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE = `${ROOT}node_modules/node/bin/node`;
const run = (args: string[]) => spawnSync(NODE, args, { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });

test('the project type-checks (astro sync, then tsc)', () => {
  const sync = run(['node_modules/astro/bin/astro.mjs', 'sync']);
  expect(sync.status, sync.stdout + sync.stderr).toBe(0);
  const tsc = run(['node_modules/typescript/bin/tsc', '-p', '.']);
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
}, 240_000);

test('every exercise variant type-checks with its grader', () => {
  const r = run(['scripts/typecheck-exercises.ts']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}, 240_000);
