// Usage: node scripts/build-sandbox-runtime.ts
//
// Builds what the browser sandbox mounts inside WebContainer: a snapshot of sandbox-runtime/ (Vitest on Vite 6,
// esbuild and Rollup as WebAssembly) at public/sandbox/runtime.snapshot, and public/sandbox/runtime.json with its
// versions, size and hash. Installs sandbox-runtime/node_modules from its lockfile first when it is missing or
// older than the lockfile. Both outputs are generated: git ignores them and `npm run build` / `dev` rebuild them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot } from '@webcontainer/snapshot';

export const RUNTIME_DIR = fileURLToPath(new URL('../sandbox-runtime/', import.meta.url));
export const OUT_DIR = fileURLToPath(new URL('../public/sandbox/', import.meta.url));
export const SNAPSHOT_FILE = 'runtime.snapshot';
export const INFO_FILE = 'runtime.json';

export interface RuntimeInfo {
  vitest: string;
  vite: string;
  bytes: number;
  sha256: string;
}

export interface BuildResult extends RuntimeInfo {
  /** Files in the snapshot, relative to its root (the container's working directory). */
  files: string[];
  snapshotPath: string;
}

/** `npm ci` in sandbox-runtime/ when node_modules is missing or older than package.json or the lockfile. */
export function ensureInstalled(dir: string = RUNTIME_DIR, log: (line: string) => void = console.log): void {
  const marker = join(dir, 'node_modules/.package-lock.json');
  const newest = Math.max(statSync(join(dir, 'package.json')).mtimeMs, statSync(join(dir, 'package-lock.json')).mtimeMs);
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest) return;
  log(`Installing ${relative(process.cwd(), dir) || '.'}/node_modules from its lockfile (npm ci)`);
  // --omit=optional as well as the folder's .npmrc: every optional dependency there is a native build.
  const result = spawnSync('npm', ['ci', '--omit=optional', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`npm ci in ${dir} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
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

/**
 * What the snapshot leaves out of node_modules, all of it unused when Vitest runs: `.bin/` (symbolic links,
 * which the snapshot cannot hold; we start vitest.mjs by path), type declarations, source maps and read-me or
 * change logs. Licence files stay: the snapshot redistributes these packages.
 */
export function excludedFromSnapshot(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  if (parts.includes('.bin')) return true;
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

export interface BuildOptions {
  /** Where runtime.snapshot and runtime.json go; public/sandbox/ by default. */
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
    const bytes = await snapshot(stage);
    mkdirSync(outDir, { recursive: true });
    const snapshotPath = join(outDir, SNAPSHOT_FILE);
    writeFileSync(snapshotPath, bytes);
    const version = (name: string): string => (JSON.parse(readFileSync(join(stage, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    const info: RuntimeInfo = { vitest: version('vitest'), vite: version('vite'), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    writeFileSync(join(outDir, INFO_FILE), JSON.stringify(info, null, 2) + '\n');
    log(`${relative(process.cwd(), snapshotPath)}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${files.length} files (vitest ${info.vitest}, vite ${info.vite})`);
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
