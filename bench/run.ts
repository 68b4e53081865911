// `npm run bench`: builds the site once, serves it on loopback, measures, and prints one table of rows
// (what, measured, budget, ratio to the budget, verdict). `--json` writes the rows as JSON instead, to compare
// commits. Byte sizes are stable between runs; timings vary by machine, so compare ratios taken in one run.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, buildSite, launch, serve } from '../tests/e2e/browser.ts';
import { pageWeight } from './page-weight.ts';

interface Row {
  what: string;
  value: number;
  unit: 'KB' | 'MB' | 's';
  /** Upper bound; undefined where the row is reported without a budget. */
  budget?: number;
}

const KB = 1024;
const rows: Row[] = [];
const json = process.argv.includes('--json');
const log = (text: string) => (json ? process.stderr : process.stdout).write(text + '\n');

log('Building the site…');
const t0 = performance.now();
buildSite();
rows.push({ what: 'build: sandbox runtime + astro build', value: (performance.now() - t0) / 1000, unit: 's', budget: 30 });
const snapshot = statSync(join(ROOT, 'public/sandbox/runtime.snapshot')).size;
rows.push({ what: 'sandbox runtime snapshot (raw)', value: snapshot / KB / KB, unit: 'MB' });

const site = await serve('preview');
const browser = await launch();
try {
  const pages = [
    { kind: 'lesson', path: '/event-loop/the-event-loop/', sandbox: true },
    { kind: 'exercise', path: '/exercises/event-loop/yield-to-the-loop/', sandbox: true },
    { kind: 'home', path: '/', sandbox: false },
  ];
  for (const p of pages) {
    log(`Measuring the ${p.kind} page…`);
    const { before, after } = await pageWeight(browser, site.url + p.path, p.sandbox);
    rows.push({ what: `${p.kind} page: JS before interaction (gzip)`, value: before.jsGzip / KB, unit: 'KB', budget: 40 });
    rows.push({ what: `${p.kind} page: JS before interaction (raw)`, value: before.jsRaw / KB, unit: 'KB' });
    rows.push({ what: `${p.kind} page: CSS (gzip)`, value: before.cssGzip / KB, unit: 'KB' });
    if (after) {
      rows.push({ what: `${p.kind} page: JS with the sandbox open (gzip)`, value: after.jsGzip / KB, unit: 'KB' });
      rows.push({ what: `${p.kind} page: JS with the sandbox open (raw)`, value: after.jsRaw / KB, unit: 'KB' });
    }
  }
} finally {
  await browser.close();
  site.stop();
}

const table = rows.map((r) => {
  const ratio = r.budget === undefined ? undefined : r.value / r.budget;
  return { ...r, ratio, verdict: ratio === undefined ? 'info' : ratio <= 1 ? 'ok' : 'OVER' };
});
if (json) {
  process.stdout.write(JSON.stringify(table, null, 2) + '\n');
} else {
  const fmt = (n: number | undefined, unit = '') => (n === undefined ? '-' : `${n.toFixed(n < 10 ? 2 : 1)}${unit ? ' ' + unit : ''}`);
  log('');
  log(`${'what'.padEnd(48)} ${'measured'.padStart(11)} ${'budget'.padStart(9)} ${'ratio'.padStart(6)}  verdict`);
  for (const r of table) log(`${r.what.padEnd(48)} ${fmt(r.value, r.unit).padStart(11)} ${fmt(r.budget, r.budget === undefined ? '' : r.unit).padStart(9)} ${fmt(r.ratio).padStart(6)}  ${r.verdict}`);
}
process.exitCode = table.some((r) => r.verdict === 'OVER') ? 1 : 0;
