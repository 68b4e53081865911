// What the sandbox's test tools cost a learner: the gzip file the page downloads (the one runtime.json names, as the
// site does) measured on disk, and the snapshot it unpacks to. Run after the sandbox build (buildSite() does it).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readRuntimeInfo, SNAPSHOT_DIR } from '../src/lib/course/sandbox-snapshot.ts';

export function snapshotWeight(dir: string = SNAPSHOT_DIR): { file: string; downloadBytes: number; unpackedBytes: number } {
  const info = readRuntimeInfo(dir);
  return { file: info.file, downloadBytes: statSync(join(dir, info.file)).size, unpackedBytes: info.bytes };
}
