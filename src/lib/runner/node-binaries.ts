// The Node runtimes graders run on: the project's pinned Node (npm scripts put it first on PATH) and Node 20,
// WebContainer's default, installed as the `node20` alias of the `node` package.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../exercises/load.ts';

export interface NodeRuntime {
  label: string;
  path: string;
  /** Node's major version, for content whose output differs between versions. */
  major: number;
}

const majorOf = (packageDir: string): number =>
  Number((JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0]);

export function nodeRuntimes(): NodeRuntime[] {
  const pinned = join(PROJECT_ROOT, 'node_modules/node/bin/node');
  const node20 = join(PROJECT_ROOT, 'node_modules/node20/bin/node');
  // Named by path rather than process.execPath: a test runner started outside npm may run on the system's Node.
  const runtimes: NodeRuntime[] = [
    existsSync(pinned)
      ? { label: 'pinned node', path: pinned, major: majorOf(join(PROJECT_ROOT, 'node_modules/node')) }
      : { label: `node ${process.versions.node}`, path: process.execPath, major: Number(process.versions.node.split('.')[0]) },
  ];
  if (existsSync(node20)) runtimes.push({ label: 'node 20', path: node20, major: majorOf(join(PROJECT_ROOT, 'node_modules/node20')) });
  return runtimes;
}
