// `astro build` of the whole course: wall-clock time and the build process's peak memory (max RSS).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/lib/exercises/load.ts';
import { cleanEnv } from '../src/lib/runner/clean-env.ts';

const NODE = join(PROJECT_ROOT, 'node_modules/node/bin/node');

export function astroBuild(): { ms: number; peakRssMb: number } {
  // Astro's programmatic build in a child process that reports its own peak memory when done.
  const script = `const { build } = await import('astro'); await build({ root: ${JSON.stringify(PROJECT_ROOT)}, logLevel: 'error' }); console.log('MAXRSS ' + process.resourceUsage().maxRSS);`;
  const started = performance.now();
  const r = spawnSync(NODE, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', env: cleanEnv({ ASTRO_TELEMETRY_DISABLED: '1' }) });
  const ms = performance.now() - started;
  const rss = r.stdout.match(/MAXRSS (\d+)/);
  if (r.status !== 0 || !rss) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  return { ms, peakRssMb: Number(rss[1]) / 1024 };
}
