// `npm run bench`: builds the site once, serves it on loopback, measures what learners feel, and prints one
// table: what, measured value, budget, ratio to the budget, verdict. `--json` prints the rows as JSON instead
// (to compare commits); `--only weight,lighthouse,grading,build` runs some sections. Byte sizes are stable from
// run to run; absolute times vary by machine, so the ratios taken within one run are what count.
import { parseArgs } from 'node:util';
import { buildSite, launch, serve } from '../tests/e2e/browser.ts';
import { pageWeight, stepperWeight, typescriptInEditor } from './page-weight.ts';
import { inPageRun } from './in-page.ts';
import { CATEGORIES, lighthouseScores } from './lighthouse.ts';
import { gradeAllReferences, gradingLatency, timeToTimeoutVerdict } from './grading.ts';
import { astroBuild } from './build.ts';
import { snapshotWeight } from './snapshot-weight.ts';
import { largestLessonPath, lessonPathWith } from '../src/lib/content/load.ts';

interface Row {
  section: string;
  what: string;
  value: number;
  unit: 'KB' | 'MB' | 's' | 'x' | 'score';
  /** The budget, and whether the value must stay at most (`max`) or at least (`min`) that. */
  budget?: { limit: number; kind: 'max' | 'min'; anchor?: string };
}

const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });
const sections = new Set((values.only ?? 'build,weight,lighthouse,grading').split(','));
const rows: Row[] = [];
const say = (text: string) => (values.json ? process.stderr : process.stdout).write(text + '\n');
const KB = 1024;

// Every kind of page a learner meets.
const PAGES = [
  { kind: 'lesson', path: lessonPathWith('<Sandbox exercise="event-loop/yield-to-the-loop"'), sandbox: true },
  // The longest lesson (the most components and samples), where the page budget is most at risk.
  { kind: 'largest lesson', path: largestLessonPath(), sandbox: false },
  { kind: 'exercise', path: '/exercises/event-loop/yield-to-the-loop/', sandbox: true },
  // An exercise the page grades itself (the in-page runtime): its worker loads only once the sandbox opens.
  { kind: 'in-page exercise', path: '/exercises/promises/retry-with-backoff/', sandbox: true },
  { kind: 'glossary', path: '/glossary/', sandbox: false },
  { kind: 'review', path: '/review/', sandbox: false },
  { kind: 'dashboard', path: '/progress/', sandbox: false },
  { kind: 'home', path: '/', sandbox: false },
];

if (sections.has('build')) {
  say('Timing astro build…');
  const { ms, peakRssMb } = astroBuild();
  rows.push({ section: 'build', what: 'astro build of the whole course', value: ms / 1000, unit: 's', budget: { limit: 30, kind: 'max', anchor: 'TutorialKit starter: 30 s' } });
  rows.push({ section: 'build', what: 'astro build: peak memory (max RSS)', value: peakRssMb, unit: 'MB' });
}

const needsSite = sections.has('weight') || sections.has('lighthouse');
if (needsSite) {
  say('Building the site and the sandbox runtime…');
  buildSite();
  // Shipped gzipped (the host need not compress it): the file's size is what a learner downloads, once.
  const snapshot = snapshotWeight();
  rows.push({ section: 'weight', what: 'sandbox snapshot a learner downloads (gz)', value: snapshot.downloadBytes / KB / KB, unit: 'MB' });
  rows.push({ section: 'weight', what: 'sandbox snapshot unpacked in the page (raw)', value: snapshot.unpackedBytes / KB / KB, unit: 'MB' });
}

const site = needsSite ? await serve('preview') : undefined;
try {
  if (sections.has('weight')) {
    const browser = await launch();
    try {
      for (const p of PAGES) {
        say(`Weighing the ${p.kind} page…`);
        const { before, after } = await pageWeight(browser, site!.url + p.path, p.sandbox);
        rows.push({ section: 'weight', what: `${p.kind} page: JS before interaction (gzip)`, value: before.jsGzip / KB, unit: 'KB', budget: { limit: 40, kind: 'max', anchor: 'TutorialKit lesson: 428 KB' } });
        rows.push({ section: 'weight', what: `${p.kind} page: JS before interaction (raw)`, value: before.jsRaw / KB, unit: 'KB' });
        rows.push({ section: 'weight', what: `${p.kind} page: CSS (gzip)`, value: before.cssGzip / KB, unit: 'KB' });
        if (after) {
          rows.push({ section: 'weight', what: `${p.kind} page: JS with the sandbox open (gzip)`, value: after.jsGzip / KB, unit: 'KB' });
          rows.push({ section: 'weight', what: `${p.kind} page: JS with the sandbox open (raw)`, value: after.jsRaw / KB, unit: 'KB' });
        }
      }
      say('TypeScript in the sandbox editor: opening the lesson page’s sandbox 3 times, empty cache…');
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await typescriptInEditor(browser, site!.url + PAGES.find((p) => p.kind === 'lesson')!.path));
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      rows.push({ section: 'weight', what: 'TypeScript worker: loaded when it starts (gzip)', value: runs[0]!.gzip / KB, unit: 'KB' });
      rows.push({ section: 'weight', what: 'TypeScript worker: loaded when it starts (raw)', value: runs[0]!.raw / KB, unit: 'KB' });
      rows.push({ section: 'weight', what: 'sandbox opened to editable editor (median of 3)', value: median(runs.map((r) => r.editableMs)) / 1000, unit: 's' });
      rows.push({ section: 'weight', what: 'sandbox opened to first type error (median of 3)', value: median(runs.map((r) => r.diagnosticMs)) / 1000, unit: 's' });
      rows.push({
        section: 'weight',
        what: 'type error typed to underlined (median of 3)',
        value: median(runs.map((r) => r.typedToDiagnosticMs)) / 1000,
        unit: 's',
        budget: { limit: 5, kind: 'max', anchor: 'issue 13: within 5 s of typing' },
      });
      say('Grading in the page: a fresh visit to an in-page exercise, Run as soon as the editor is editable, Run again at once, and again once the page settled; 5 times…');
      const inPage = [];
      for (let i = 0; i < 5; i++) inPage.push(await inPageRun(browser, site!.url + PAGES.find((p) => p.kind === 'in-page exercise')!.path));
      const wrongRuntime = inPage.find((r) => r.runtime !== 'browser');
      if (wrongRuntime) throw new Error(`the in-page exercise was graded by ${wrongRuntime.runtime}, not in the page`);
      rows.push({
        section: 'weight',
        what: 'in-page runtime: Run on a fresh exercise page to verdict (median of 5)',
        value: median(inPage.map((r) => r.firstRunMs)) / 1000,
        unit: 's',
        budget: { limit: 1.5, kind: 'max', anchor: 'issue 12; CLI with a warm Node: about 0.8 s' },
      });
      rows.push({ section: 'weight', what: 'in-page runtime: Run again, page settled, to verdict (median of 5)', value: median(inPage.map((r) => r.rerunMs)) / 1000, unit: 's', budget: { limit: 0.5, kind: 'max', anchor: 'issue 12' } });
      rows.push({ section: 'weight', what: 'in-page runtime: Run again at once, editor TypeScript still starting (median of 5)', value: median(inPage.map((r) => r.rerunAtOnceMs)) / 1000, unit: 's' });
      rows.push({ section: 'weight', what: 'in-page runtime: scripts it loads (gzip)', value: inPage[0]!.gzip / KB, unit: 'KB', budget: { limit: 400, kind: 'max', anchor: 'WebContainer: 5.4 MB snapshot + boot' } });
      rows.push({ section: 'weight', what: 'in-page runtime: scripts it loads (raw)', value: inPage[0]!.raw / KB, unit: 'KB' });
      say('Opening an event-loop stepper…');
      const stepper = await stepperWeight(browser, site!.url + lessonPathWith('<LoopTrace sample="event-loop/three-queues.mjs"'));
      rows.push({ section: 'weight', what: 'stepper: JS and trace loaded when it opens (gzip)', value: stepper.gzip / KB, unit: 'KB' });
      rows.push({ section: 'weight', what: 'stepper: JS and trace loaded when it opens (raw)', value: stepper.raw / KB, unit: 'KB' });
    } finally {
      await browser.close();
    }
  }

  if (sections.has('lighthouse')) {
    for (const p of PAGES.filter((page) => ['lesson', 'largest lesson', 'exercise'].includes(page.kind))) {
      for (const preset of ['mobile', 'desktop'] as const) {
        say(`Lighthouse, ${preset}, ${p.kind} page (median of 3)…`);
        const scores = await lighthouseScores(site!.url + p.path, preset);
        for (const category of CATEGORIES) {
          const budget =
            category === 'performance' ? { limit: 0.98, kind: 'min' as const, anchor: 'TutorialKit: 0.835' } : category === 'accessibility' ? { limit: 1, kind: 'min' as const, anchor: 'TutorialKit: 0.75' } : undefined;
          rows.push({ section: 'lighthouse', what: `${p.kind} page, ${preset}: ${category}`, value: scores[category], unit: 'score', ...(budget ? { budget } : {}) });
        }
      }
    }
  }
} finally {
  site?.stop();
}

if (sections.has('grading')) {
  say('Grading latency: our CLI against bare vitest run, alternating, median of 5…');
  const latency = gradingLatency('event-loop/yield-to-the-loop');
  rows.push({ section: 'grading', what: 'grade one exercise: CLI (median)', value: latency.ours / 1000, unit: 's' });
  rows.push({ section: 'grading', what: 'same grader, bare vitest run (median)', value: latency.bare / 1000, unit: 's' });
  rows.push({ section: 'grading', what: 'grading overhead: CLI / bare vitest', value: latency.ratio, unit: 'x', budget: { limit: 1.3, kind: 'max' } });
  say('Time to a verdict for code that loops forever…');
  const hang = await timeToTimeoutVerdict('event-loop/yield-to-the-loop');
  rows.push({ section: 'grading', what: `time to "${hang.verdict}" for an endless loop`, value: hang.ms / 1000, unit: 's', budget: { limit: hang.limitMs / 1000 + 2, kind: 'max', anchor: 'limit + 2 s; Exercism 20 s' } });
  say('Grading every reference…');
  const all = await gradeAllReferences();
  rows.push({ section: 'grading', what: `grade every reference (${all.failing.length ? `FAILING: ${all.failing.join(', ')}` : 'all pass'})`, value: all.totalMs / 1000, unit: 's' });
  for (const s of all.slowest) rows.push({ section: 'grading', what: `  slowest: ${s.id}`, value: s.ms / 1000, unit: 's' });
}

const table = rows.map((r) => {
  if (!r.budget) return { ...r, ratio: undefined, verdict: 'info' };
  const ratio = r.value / r.budget.limit;
  const ok = r.budget.kind === 'max' ? r.value <= r.budget.limit : r.value >= r.budget.limit;
  return { ...r, ratio, verdict: ok ? 'ok' : r.budget.kind === 'max' ? 'OVER' : 'UNDER' };
});

if (values.json) {
  process.stdout.write(JSON.stringify(table, null, 2) + '\n');
} else {
  const num = (n: number) => n.toFixed(Math.abs(n) < 10 ? 2 : 1);
  const fmt = (n: number, unit: string) => (unit === 'score' || unit === 'x' ? num(n) : `${num(n)} ${unit}`);
  say('');
  say(`${'what'.padEnd(50)} ${'measured'.padStart(10)} ${'budget'.padStart(10)} ${'ratio'.padStart(6)}  verdict`);
  for (const r of table) {
    const budget = r.budget ? `${r.budget.kind === 'max' ? '<=' : '>='} ${fmt(r.budget.limit, r.unit)}` : '-';
    say(`${r.what.padEnd(50)} ${fmt(r.value, r.unit).padStart(10)} ${budget.padStart(10)} ${(r.ratio === undefined ? '-' : num(r.ratio)).padStart(6)}  ${r.verdict}`);
  }
}
process.exitCode = table.some((r) => r.verdict === 'OVER' || r.verdict === 'UNDER') ? 1 : 0;
