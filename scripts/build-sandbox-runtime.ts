// Usage: node scripts/build-sandbox-runtime.ts
//
// Builds what the browser sandbox mounts inside WebContainer: a snapshot of sandbox-runtime/ (Vitest on Vite 6,
// esbuild and Rollup as WebAssembly), published gzipped and named by its hash as
// public/sandbox/runtime.<hash>.snapshot.gz, and public/sandbox/runtime.json with its name, versions, sizes and
// hash. Hosts rarely compress binary files, so shipping the gzip ourselves turns ~21 MB into ~5 MB on the wire, and
// the hashed name lets hosts mark it immutable (public/_headers, vercel.json); the page unpacks it. Installs
// sandbox-runtime/node_modules from its lockfile first when it is missing or older than the lockfile. The outputs
// are generated: git ignores them and `npm run build` / `dev` rebuild them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decode, encode } from '@msgpack/msgpack';
import { snapshot } from '@webcontainer/snapshot';
import { INFO_FILE, isSnapshotFile, snapshotFileName, type RuntimeInfo } from '../src/lib/course/sandbox-snapshot.ts';

export { INFO_FILE, type RuntimeInfo };

export const RUNTIME_DIR = fileURLToPath(new URL('../sandbox-runtime/', import.meta.url));
export const OUT_DIR = fileURLToPath(new URL('../public/sandbox/', import.meta.url));

export interface BuildResult extends RuntimeInfo {
  /** Files in the snapshot, relative to its root (the container's working directory). */
  files: string[];
  /** The gzip file written (`file` in the output folder). */
  snapshotPath: string;
}

/**
 * `npm ci` in sandbox-runtime/ when node_modules is missing or older than package.json or the lockfile. Two
 * processes may ask at once (the test run builds the site while the toolchain test prepares), so the install holds
 * a lock folder, and whoever waited on it checks again before installing.
 */
export function ensureInstalled(dir: string = RUNTIME_DIR, log: (line: string) => void = console.log): void {
  const marker = join(dir, 'node_modules/.package-lock.json');
  const newest = () => Math.max(statSync(join(dir, 'package.json')).mtimeMs, statSync(join(dir, 'package-lock.json')).mtimeMs);
  const installed = () => existsSync(marker) && statSync(marker).mtimeMs >= newest();
  if (installed()) return;
  const lock = join(dir, '.install-lock');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process installs; a lock older than 10 minutes was left by one that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      else if (waited > 600_000) throw new Error(`${lock} is held for more than 10 minutes: remove it if no install is running`);
      Atomics.wait(pause, 0, 0, 250);
    }
  }
  try {
    if (installed()) return;
    log(`Installing ${relative(process.cwd(), dir) || '.'}/node_modules from its lockfile (npm ci)`);
    // --omit=optional as well as the folder's .npmrc: every optional dependency there is a native build.
    const result = spawnSync('npm', ['ci', '--omit=optional', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
    if (result.status !== 0) throw new Error(`npm ci in ${dir} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ELF, Mach-O (32/64-bit, both byte orders, universal) and Windows PE headers.
const NATIVE_MAGIC = [[0x7f, 0x45, 0x4c, 0x46], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe], [0x4d, 0x5a]];

/** Files WebContainer could not run: Node addons (`.node`) and native executables, found by their magic bytes. */
export function findNativeBinaries(dir: string): string[] {
  const found: string[] = [];
  const head = Buffer.alloc(4);
  for (const path of walk(dir)) {
    if (path.endsWith('.node')) {
      found.push(relative(dir, path));
      continue;
    }
    const fd = openSync(path, 'r');
    const read = readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    if (NATIVE_MAGIC.some((magic) => magic.length <= read && magic.every((byte, i) => head[i] === byte))) found.push(relative(dir, path));
  }
  return found;
}

/** Regular files below `dir` (symbolic links are skipped: the snapshot format cannot hold them). */
function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) yield* walk(path);
    else if (stat.isFile()) yield path;
  }
}

const TOOL_CACHES = new Set(['.cache', '.vite', '.vite-temp', '.vitest']);

/**
 * What the snapshot leaves out of node_modules, all of it unused when Vitest runs: `.bin/` (symbolic links,
 * which the snapshot cannot hold; we start vitest.mjs by path), type declarations, source maps and read-me or
 * change logs. Licence files stay: the snapshot redistributes these packages. Also the caches that Vite and
 * other tools leave in node_modules/ when something runs from sandbox-runtime/ (even an empty .vite-temp/):
 * they would change the snapshot's hash, hence its name, and learners would download the same tools again.
 */
export function excludedFromSnapshot(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  if (parts.includes('.bin') || TOOL_CACHES.has(parts[0] ?? '')) return true;
  if (/\.d\.[cm]?ts$/.test(name) || name.endsWith('.map')) return true;
  return /^(readme|changelog|history)(\.(md|markdown|txt))?$/i.test(name);
}

/** Copies package.json, the lockfile and the pruned node_modules to `stage`: what the container mounts. */
export function stageRuntime(stage: string, dir: string = RUNTIME_DIR): string[] {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const name of ['package.json', 'package-lock.json']) cpSync(join(dir, name), join(stage, name));
  const modules = join(dir, 'node_modules');
  cpSync(modules, join(stage, 'node_modules'), {
    recursive: true,
    filter: (source) => {
      if (source === modules) return true;
      const rel = relative(modules, source);
      return !lstatSync(source).isSymbolicLink() && !excludedFromSnapshot(rel);
    },
  });
  return [...walk(stage)].map((path) => relative(stage, path).split(sep).join('/'));
}

/**
 * The snapshot with every folder's entries in name order. @webcontainer/snapshot adds entries in the order its
 * concurrent file reads finish, so the same tools gave different bytes, and so a different file name, on every
 * build: learners would have downloaded them again after every deploy. Its format is a MessagePack map, which we
 * decode and encode again with sorted keys.
 */
export function canonicalSnapshot(bytes: Uint8Array): Buffer {
  const encoded = encode(decode(bytes), { sortKeys: true });
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

export interface BuildOptions {
  /** Where the snapshot and runtime.json go; public/sandbox/ by default. */
  outDir?: string;
  /** Keep the staged folder here (tests grade with it); otherwise a temporary folder, removed afterwards. */
  stageDir?: string;
  log?: (line: string) => void;
}

export async function buildSandboxRuntime(options: BuildOptions = {}): Promise<BuildResult> {
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? OUT_DIR;
  ensureInstalled(RUNTIME_DIR, log);
  const native = findNativeBinaries(join(RUNTIME_DIR, 'node_modules'));
  if (native.length) {
    throw new Error(`sandbox-runtime/node_modules holds native binaries, which WebContainer cannot load:\n  ${native.join('\n  ')}\nReinstall with \`npm ci --omit=optional\` there, or override the package that brings them.`);
  }
  const stage = options.stageDir ?? mkdtempSync(join(tmpdir(), 'sandbox-runtime-'));
  try {
    const files = stageRuntime(stage);
    const bytes = canonicalSnapshot(await snapshot(stage));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // Level 9 saves ~35 KB over the default for under a second more per build: it is downloaded far more often.
    const gzip = gzipSync(bytes, { level: 9 });
    mkdirSync(outDir, { recursive: true });
    const file = snapshotFileName(sha256);
    const snapshotPath = join(outDir, file);
    writeFileSync(snapshotPath, gzip);
    const version = (name: string): string => (JSON.parse(readFileSync(join(stage, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    const info: RuntimeInfo = { vitest: version('vitest'), vite: version('vite'), file, bytes: bytes.length, gzipBytes: gzip.length, sha256 };
    writeFileSync(join(outDir, INFO_FILE), JSON.stringify(info, null, 2) + '\n');
    // Only now that runtime.json names the new file: older builds' snapshots would otherwise pile up in the site.
    for (const name of readdirSync(outDir)) if (name !== file && isSnapshotFile(name)) rmSync(join(outDir, name), { force: true });
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    log(`${relative(process.cwd(), snapshotPath)}: ${mb(gzip.length)} (${mb(bytes.length)} unpacked), ${files.length} files (vitest ${info.vitest}, vite ${info.vite})`);
    return { ...info, files, snapshotPath };
  } finally {
    if (options.stageDir === undefined) rmSync(stage, { recursive: true, force: true });
  }
}

// Run as a script (not when a test imports it).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildSandboxRuntime();
  } catch (error) {
    console.error(`${basename(process.argv[1])}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
