// The test-tools snapshot as the site publishes it (Node side). scripts/build-sandbox-runtime.ts writes it to
// public/sandbox/ gzipped and named by its hash, with runtime.json beside it; the sandbox component reads
// runtime.json at build time to tell the page which file to download and what it must unpack to.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../exercises/load.ts';

/** Where the snapshot and runtime.json are written, and served from under /sandbox/. */
export const SNAPSHOT_DIR = join(PROJECT_ROOT, 'public/sandbox');
export const INFO_FILE = 'runtime.json';

/** runtime.json: what the page downloads and how to check it. */
export interface RuntimeInfo {
  vitest: string;
  vite: string;
  /** The file to download, in the snapshot folder: `runtime.<16 hex>.snapshot.gz`. */
  file: string;
  /** The snapshot WebContainer mounts, unpacked. */
  bytes: number;
  /** The gzip file: what a learner downloads when the host serves it as it is. */
  gzipBytes: number;
  /** sha256 of the unpacked snapshot, in hex; its first 16 digits name the file. */
  sha256: string;
}

/**
 * The name is taken from the hash of the unpacked snapshot, not of the gzip bytes: the name changes exactly when
 * what the container mounts changes, and a new zlib that compresses the same tools differently leaves learners'
 * caches valid (either file unpacks to the same bytes, which the page checks against `sha256`).
 */
export const snapshotFileName = (sha256: string): string => `runtime.${sha256.slice(0, 16)}.snapshot.gz`;

/** Snapshot files a build wrote: the hashed .gz files, and the unhashed runtime.snapshot that earlier builds wrote. */
export const isSnapshotFile = (name: string): boolean => /^runtime\.(?:[0-9a-f]{16}\.snapshot\.gz|snapshot)$/.test(name);

/** runtime.json of `dir`, checked: it names a hashed file that exists. Throws a message saying how to fix it. */
export function readRuntimeInfo(dir: string = SNAPSHOT_DIR): RuntimeInfo {
  const path = join(dir, INFO_FILE);
  const rebuild = 'run `npm run sandbox:build` (`npm run dev` and `npm run build` do it first)';
  if (!existsSync(path)) throw new Error(`${path} is missing: ${rebuild}`);
  const info = JSON.parse(readFileSync(path, 'utf8')) as Partial<RuntimeInfo>;
  if (typeof info.file !== 'string' || typeof info.sha256 !== 'string' || info.file !== snapshotFileName(info.sha256)) {
    throw new Error(`${path} names no hashed snapshot (an older build?): ${rebuild}`);
  }
  if (!existsSync(join(dir, info.file))) throw new Error(`${join(dir, info.file)}, named by ${INFO_FILE}, is missing: ${rebuild}`);
  return info as RuntimeInfo;
}
