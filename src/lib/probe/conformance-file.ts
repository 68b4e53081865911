// The committed recording of the WebContainer probe, read at build time (Node only).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../exercises/load.ts';
import { CONFORMANCE_FILE, parseConformance, type Conformance } from './conformance.ts';

/** docs/webcontainer-conformance.json, or undefined until a maintainer has recorded one. A malformed file throws. */
export function readConformance(root: string = PROJECT_ROOT): Conformance | undefined {
  const path = join(root, CONFORMANCE_FILE);
  return existsSync(path) ? parseConformance(readFileSync(path, 'utf8'), CONFORMANCE_FILE) : undefined;
}
