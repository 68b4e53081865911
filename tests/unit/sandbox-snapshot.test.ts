// The published test-tools snapshot, apart from building it (tests/sandbox-runtime/ does that): its hashed name,
// runtime.json as the sandbox component reads it, the canonical byte order that keeps the name stable, and the
// hosts' header files, which must make that name immutable while every path stays cross-origin isolated.
import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { canonicalSnapshot, stageRuntime } from '../../scripts/build-sandbox-runtime.ts';
import { isSnapshotFile, readRuntimeInfo, snapshotFileName, type RuntimeInfo } from '../../src/lib/course/sandbox-snapshot.ts';
import { ISOLATION_HEADERS, SNAPSHOT_HEADERS } from '../../src/lib/course/headers.ts';
import { PROJECT_ROOT } from '../../src/lib/exercises/load.ts';

const SHA = '1a0221a06e14ae51dca8c70a1e986de6f97cec71623830e92258bff05db19aae';
const FILE = 'runtime.1a0221a06e14ae51.snapshot.gz';

describe('names', () => {
  test('the file is named by the first 16 hex digits of the hash', () => {
    expect(snapshotFileName(SHA)).toBe(FILE);
  });

  test('a rebuild removes hashed snapshots and the unhashed file of older builds, nothing else', () => {
    expect([FILE, 'runtime.snapshot'].filter(isSnapshotFile)).toEqual([FILE, 'runtime.snapshot']);
    expect(['runtime.json', 'runtime.1a0221a06e14ae5.snapshot.gz', 'runtime.1A0221A06E14AE51.snapshot.gz', 'runtime.snapshot.gz', 'event-loop'].filter(isSnapshotFile)).toEqual([]);
  });
});

describe('runtime.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-info-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const info: RuntimeInfo = { vitest: '4.1.12', vite: '6.4.6', file: FILE, bytes: 100, gzipBytes: 40, sha256: SHA };
  const write = (value: unknown) => writeFileSync(join(dir, 'runtime.json'), JSON.stringify(value));

  test('missing: says how to build it', () => {
    expect(() => readRuntimeInfo(dir)).toThrow(/runtime\.json is missing: run `npm run sandbox:build`/);
  });

  test('from a build before hashed names: refused, with how to rebuild', () => {
    write({ vitest: '4.1.12', vite: '6.4.6', bytes: 100, sha256: SHA });
    expect(() => readRuntimeInfo(dir)).toThrow(/names no hashed snapshot \(an older build\?\): run `npm run sandbox:build`/);
    write({ ...info, file: 'runtime.0000000000000000.snapshot.gz' });
    expect(() => readRuntimeInfo(dir), 'a name that is not its hash').toThrow(/names no hashed snapshot/);
  });

  test('naming a file that is not there: refused', () => {
    write(info);
    expect(() => readRuntimeInfo(dir)).toThrow(`${join(dir, FILE)}, named by runtime.json, is missing`);
  });

  test('naming its file: read as written', () => {
    write(info);
    writeFileSync(join(dir, FILE), 'gzip');
    expect(readRuntimeInfo(dir)).toEqual(info);
  });
});

test('the canonical snapshot does not depend on the order in which entries were added', () => {
  const file = (text: string) => ({ f: { c: new TextEncoder().encode(text) } });
  const oneOrder = { d: { 'package.json': file('{}'), node_modules: { d: { b: file('b'), a: file('a') } } } };
  const otherOrder = { d: { node_modules: { d: { a: file('a'), b: file('b') } }, 'package.json': file('{}') } };
  expect(Buffer.from(encode(oneOrder)).equals(Buffer.from(encode(otherOrder))), 'as written, the bytes differ').toBe(false);
  const canonical = canonicalSnapshot(encode(oneOrder));
  expect(canonical.equals(canonicalSnapshot(encode(otherOrder)))).toBe(true);
  expect(decode(new Uint8Array(canonical)), 'the same tree').toEqual(oneOrder);
});

test("tools' caches in node_modules stay out of the snapshot, so running the tools does not rename it", () => {
  const dir = mkdtempSync(join(tmpdir(), 'stage-caches-'));
  try {
    const tools = join(dir, 'tools');
    for (const folder of ['node_modules/vitest', 'node_modules/.vite-temp', 'node_modules/.vite/deps', 'node_modules/vitest/.vite']) mkdirSync(join(tools, folder), { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'node_modules/vitest/vitest.mjs', 'node_modules/.vite/deps/chunk.js', 'node_modules/vitest/.vite/kept.js']) writeFileSync(join(tools, file), '{}');
    const stage = join(dir, 'stage');
    expect(stageRuntime(stage, tools).sort()).toEqual(['node_modules/vitest/.vite/kept.js', 'node_modules/vitest/vitest.mjs', 'package-lock.json', 'package.json']);
    expect(existsSync(join(stage, 'node_modules/.vite-temp')), 'not even as an empty folder').toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("hosts' header files", () => {
  const snapshotPath = `/sandbox/${FILE}`;
  const otherPaths = ['/', '/event-loop/the-event-loop/', '/sandbox/event-loop/predict-the-order.json', '/sandbox/runtime.json'];

  /** Rules of a Netlify / Cloudflare Pages _headers file; `*` matches anything, as both hosts read it. */
  function netlifyRules(): { matches: (path: string) => boolean; headers: Record<string, string> }[] {
    const rules: { matches: (path: string) => boolean; headers: Record<string, string> }[] = [];
    for (const line of readFileSync(join(PROJECT_ROOT, 'public/_headers'), 'utf8').split('\n')) {
      if (line.startsWith('/')) {
        const pattern = new RegExp(`^${line.trim().split('*').map(escape).join('.*')}$`);
        rules.push({ matches: (path) => pattern.test(path), headers: {} });
      } else if (/^\s+\S/.test(line)) {
        const [name, ...value] = line.trim().split(':');
        rules.at(-1)!.headers[name!] = value.join(':').trim();
      }
    }
    return rules;
  }

  /** vercel.json's header rules; `source` is path-to-regexp: `(…)` is a regular expression, the rest literal. */
  function vercelRules(): { matches: (path: string) => boolean; headers: Record<string, string> }[] {
    const config = JSON.parse(readFileSync(join(PROJECT_ROOT, 'vercel.json'), 'utf8')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    return config.headers.map((rule) => {
      const pattern = new RegExp(`^${rule.source.split(/(\([^)]*\))/).map((part, i) => (i % 2 ? part : escape(part))).join('')}$`);
      return { matches: (path: string) => pattern.test(path), headers: Object.fromEntries(rule.headers.map((h) => [h.key, h.value])) };
    });
  }

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const headersFor = (rules: ReturnType<typeof netlifyRules>, path: string) => Object.assign({}, ...rules.filter((r) => r.matches(path)).map((r) => r.headers)) as Record<string, string>;

  test.each([
    ['public/_headers', netlifyRules],
    ['vercel.json', vercelRules],
  ])('%s: the hashed snapshot is immutable and isolated; nothing else gets its headers', (_, rules) => {
    expect(headersFor(rules(), snapshotPath)).toEqual({ ...ISOLATION_HEADERS, ...SNAPSHOT_HEADERS });
    for (const path of otherPaths) expect(headersFor(rules(), path), path).toEqual(ISOLATION_HEADERS);
  });
});
