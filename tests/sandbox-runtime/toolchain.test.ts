// The toolchain the browser sandbox mounts in WebContainer (sandbox-runtime/): the same Vitest as the project,
// Vite 6 with esbuild and Rollup as WebAssembly, no native binary anywhere, and a snapshot that really grades:
// every exercise is graded from the snapshot's own files on Node 20, WebContainer's Node.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { snapshot } from '@webcontainer/snapshot';
import { buildSandboxRuntime, canonicalSnapshot, ensureInstalled, findNativeBinaries, RUNTIME_DIR, type BuildResult } from '../../scripts/build-sandbox-runtime.ts';
import { readRuntimeInfo } from '../../src/lib/course/sandbox-snapshot.ts';
import { listExercises, PROJECT_ROOT } from '../../src/lib/exercises/load.ts';
import { variantsOf } from '../../src/lib/exercises/variants.ts';
import { groupedGrader } from '../../src/lib/runner/run-batch.ts';
import { limiter } from '../../src/lib/runner/limiter.ts';

const NODE20 = join(PROJECT_ROOT, 'node_modules/node20/bin/node');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { version: string; name: string };
const installed = (root: string, name: string) => json(join(root, 'node_modules', name, 'package.json'));

// The snapshot's content, staged outside any node_modules tree so that nothing is found by walking up past it.
const work = mkdtempSync(join(tmpdir(), 'toolchain-test-'));
const stage = join(work, 'stage');
const out = join(work, 'public');
let build: BuildResult;

type SnapshotTree = { [name: string]: { d: SnapshotTree } | { f: { c: Uint8Array } } };
/** Each file of a snapshot by path, with the sha256 of its contents, in name order. */
function snapshotFiles(bytes: Uint8Array): [string, string][] {
  const files: [string, string][] = [];
  const visit = (tree: SnapshotTree, prefix: string) => {
    for (const [name, entry] of Object.entries(tree)) {
      if ('d' in entry) visit(entry.d, `${prefix}${name}/`);
      else files.push([prefix + name, createHash('sha256').update(entry.f.c).digest('hex')]);
    }
  };
  visit((decode(bytes) as { d: SnapshotTree }).d, '');
  return files.sort(([a], [b]) => (a < b ? -1 : 1));
}

// What an earlier build left in the output folder: a snapshot under another hash, the unhashed file of builds
// before hashing, and a file that is not a snapshot (the build must leave it alone).
const STALE = ['runtime.0123456789abcdef.snapshot.gz', 'runtime.snapshot'];
const UNRELATED = 'runtime-notes.json';

beforeAll(async () => {
  ensureInstalled(RUNTIME_DIR, () => {});
  mkdirSync(out, { recursive: true });
  for (const name of [...STALE, UNRELATED]) writeFileSync(join(out, name), 'from an earlier build');
  build = await buildSandboxRuntime({ outDir: out, stageDir: stage, log: () => {} });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('versions', () => {
  test('the sandbox runs the same Vitest as the project', () => {
    expect(installed(RUNTIME_DIR, 'vitest').version).toBe(installed(PROJECT_ROOT, 'vitest').version);
    const declared = (path: string) => {
      const pkg = json(path) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      return pkg.dependencies?.vitest ?? pkg.devDependencies?.vitest;
    };
    expect(declared(join(RUNTIME_DIR, 'package.json'))).toBe(declared(join(PROJECT_ROOT, 'package.json')));
  });

  test('Vite 6.4 with the WebAssembly builds of esbuild and Rollup', () => {
    expect(installed(RUNTIME_DIR, 'vite').version).toMatch(/^6\.4\./);
    expect(installed(RUNTIME_DIR, 'esbuild').name).toBe('esbuild-wasm');
    expect(installed(RUNTIME_DIR, 'rollup').name).toBe('@rollup/wasm-node');
  });

  test('the lockfile lists every optional dependency, so `npm ci` accepts it', () => {
    const lock = json(join(RUNTIME_DIR, 'package-lock.json')) as unknown as { packages: Record<string, { optionalDependencies?: Record<string, string> }> };
    const missing = Object.entries(lock.packages).flatMap(([key, entry]) =>
      Object.keys(entry.optionalDependencies ?? {}).filter((name) => !lock.packages[`${key}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`]),
    );
    expect(missing).toEqual([]);
  });
});

describe('snapshot', () => {
  test('no native binary in sandbox-runtime/node_modules nor in the snapshot', () => {
    expect(findNativeBinaries(join(RUNTIME_DIR, 'node_modules'))).toEqual([]);
    expect(findNativeBinaries(stage)).toEqual([]);
  });

  test('the native-binary check finds addons and executables', () => {
    const dir = join(work, 'natives');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'addon.node'), 'anything');
    writeFileSync(join(dir, 'tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]));
    writeFileSync(join(dir, 'tool.exe'), Buffer.from('MZ\x90\x00'));
    writeFileSync(join(dir, 'script.js'), 'console.log(1)');
    expect(findNativeBinaries(dir).sort()).toEqual(['addon.node', 'tool', 'tool.exe']);
  });

  test('holds the toolchain, without links, types, source maps or read-mes', () => {
    for (const file of ['package.json', 'package-lock.json', 'node_modules/vitest/vitest.mjs', 'node_modules/esbuild/esbuild.wasm', 'node_modules/vite/LICENSE.md']) expect(build.files).toContain(file);
    expect(build.files.some((f) => f.startsWith('node_modules/rollup/') && f.endsWith('.wasm'))).toBe(true);
    expect(build.files.filter((f) => f.includes('/.bin/') || /\.d\.[cm]?ts$|\.map$|\/README\.md$/i.test(f))).toEqual([]);
  });

  test('writes the snapshot gzipped, named by its hash, and runtime.json with its name, versions, sizes and hash', () => {
    const file = `runtime.${build.sha256.slice(0, 16)}.snapshot.gz`;
    const gzip = readFileSync(join(out, file));
    expect(json(join(out, 'runtime.json'))).toEqual({
      vitest: installed(PROJECT_ROOT, 'vitest').version,
      vite: installed(RUNTIME_DIR, 'vite').version,
      file,
      bytes: build.bytes,
      gzipBytes: gzip.length,
      sha256: build.sha256,
    });
    expect(build.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(build.snapshotPath).toBe(join(out, file));
    const unpacked = gunzipSync(gzip);
    expect(unpacked.length).toBe(build.bytes);
    expect(createHash('sha256').update(unpacked).digest('hex')).toBe(build.sha256);
    expect(gzip.length, 'the gzip is at most a third of the snapshot').toBeLessThan(build.bytes / 3);
    expect(readRuntimeInfo(out)).toEqual(json(join(out, 'runtime.json')));
  });

  test('the same files give the same bytes (and so the same name), holding what @webcontainer/snapshot wrote', async () => {
    const again = await snapshot(stage);
    const published = gunzipSync(readFileSync(build.snapshotPath));
    expect(canonicalSnapshot(again).equals(published), 'a second snapshot of the stage, in name order, is byte for byte the one published').toBe(true);
    expect(snapshotFiles(published)).toEqual(snapshotFiles(again));
    expect(snapshotFiles(published).map(([path]) => path)).toEqual([...build.files].sort((a, b) => (a < b ? -1 : 1)));
  });

  test("removes earlier builds' snapshots from the output folder, and nothing else", () => {
    expect(readdirSync(out).sort()).toEqual([UNRELATED, build.file, 'runtime.json'].sort());
  });
});

// Each exercise's solution and starter, four exercises per Vitest process (groupedGrader), two processes at a time.
const exercises = listExercises();
const sandboxVariants = (exercise: (typeof exercises)[number]) => variantsOf(exercise).filter((v) => v.label === 'solution' || v.label === 'starter');
const grade = groupedGrader({
  exercises,
  variants: sandboxVariants,
  size: 4,
  schedule: limiter(2),
  nodePath: NODE20,
  toolchain: { workRoot: join(stage, 'runs'), vitestBin: join(stage, 'node_modules/vitest/vitest.mjs') },
});
describe.concurrent.each(exercises.map((e) => ({ id: e.meta.id, exercise: e })))('$id graded with the snapshot on Node 20', ({ exercise }) => {
  const variants = sandboxVariants(exercise);
  test('the solution passes and the starter fails', { timeout: 600_000 }, async ({ expect }) => {
    expect(existsSync(NODE20), 'node_modules/node20 (npm ci installs it)').toBe(true);
    const { reports } = await grade(exercise);
    variants.forEach(({ label, mustPass }, i) => {
      const report = reports[i]!;
      const summary = `${label}: ` + report.tests.map((t) => `[${t.status}] ${t.name}${t.message ? `: ${t.message.split('\n')[0]}` : ''}`).join('\n') + `\n${report.output ?? ''}`;
      if (mustPass) expect(report.verdict, summary).toBe('pass');
      else expect(['fail', 'timeout'], summary).toContain(report.verdict);
    });
  });
});
