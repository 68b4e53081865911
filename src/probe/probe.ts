// The probe page (`npm run probe:webcontainer`): boots WebContainer in this browser, runs the conformance checks,
// grades every version of every exercise with the same runtime the course's sandbox uses, compares each report with
// local Node's, and offers the recording as JSON (docs/webcontainer-conformance.json). With `--container local` the
// container is local Node behind the same interface, which is how the project's tests drive this page.
import { CHECKS_DIR, runCheck } from './run-check.ts';
import { bootLocalContainer } from './local-container-client.ts';
import { LOCAL_REPORTS_PATH, PLAN_PATH, type PlanExercise, type ProbePlan } from '../lib/probe/plan.ts';
import { reportDifferences, summarize, webContainerUnsupported, type Conformance, type ExerciseConformance } from '../lib/probe/conformance.ts';
import { outputLines } from '../lib/probe/checks.ts';
import { bootContainer, loadSnapshotFrom, runtimeFiles } from '../lib/sandbox/webcontainer-browser.ts';
import { browserFacts } from '../lib/sandbox/webcontainer-checks.ts';
import { createWebContainerRuntime, type ContainerLike } from '../lib/sandbox/webcontainer.ts';
import { gradeRequest } from '../lib/sandbox/runtime.ts';
import type { GradeReport } from '../lib/schemas/report.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const status = (text: string) => ($('#status').textContent = text);

function cell(row: HTMLTableRowElement, content: string | Node, className?: string): void {
  const td = row.insertCell();
  if (typeof content === 'string') td.textContent = content;
  else td.append(content);
  if (className) td.className = className;
}
const pre = (lines: string[]) => Object.assign(document.createElement('pre'), { textContent: lines.join('\n') });

/** "Chrome 142", "Firefox 139", "Safari 18.2": enough to tell recordings apart. */
function browserName(ua: string): string {
  const match =
    /(Edg|OPR|Chrome|Chromium|Firefox)\/(\d+)/.exec(ua) ?? (/Version\/([\d.]+).*Safari/.test(ua) ? ['', 'Safari', /Version\/([\d.]+)/.exec(ua)![1]!] : null);
  if (!match) return ua.slice(0, 40);
  const name = { Edg: 'Edge', OPR: 'Opera' }[match[1]!] ?? match[1]!;
  return /HeadlessChrome/.test(ua) ? `Headless ${name} ${match[2]}` : `${name} ${match[2]}`;
}

async function main(): Promise<void> {
  const plan = (await (await fetch(PLAN_PATH)).json()) as ProbePlan;
  const facts = $('#facts');
  const fact = (term: string, value: string) => facts.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: value }));
  fact('Browser', navigator.userAgent);
  fact('Container', plan.mode === 'local' ? 'local Node behind the WebContainer interface (test mode)' : `WebContainer (@webcontainer/api ${plan.versions.webcontainerApi})`);
  fact('Compared with', `local Node ${plan.versions.localNode}`);
  fact('Plan', `${plan.checks.length} checks; ${plan.exercises.length} exercises, ${plan.exercises.filter((e) => e.flagged).length} of them flagged`);
  status('Ready: press Start.');

  const params = new URLSearchParams(location.search);
  if (params.has('flagged')) $<HTMLInputElement>('#include-flagged').checked = true;
  if (params.get('only')) $<HTMLInputElement>('#filter').value = params.get('only')!;
  $('#controls').addEventListener('submit', (event) => {
    event.preventDefault();
    $<HTMLButtonElement>('#start').disabled = true;
    run(plan).catch((error: Error) => status(`Stopped: ${error.message}`));
  });
  if (params.has('start')) $<HTMLButtonElement>('#start').click();
}

async function run(plan: ProbePlan): Promise<void> {
  let live: Promise<ContainerLike> | undefined;
  const boot = () => (live = plan.mode === 'local' ? bootLocalContainer() : bootContainer(plan.apiKey));
  const runtime = createWebContainerRuntime({ boot, loadSnapshot: loadSnapshotFrom(plan.snapshotUrl, plan.snapshotSha256), runtimeFiles, env: browserFacts() });

  status('Booting WebContainer and installing the test tools…');
  await runtime.prepare((step) => status(step.label));
  const container = await live!;
  const nodeVersion = await runCheck(container, 'node-version', { 'main.mjs': 'console.log(process.version);' }, 'main.mjs', 10_000);

  // 1. The conformance checks.
  const checks: Conformance['checks'] = [];
  const checkRows = $<HTMLTableElement>('#checks').tBodies[0]!;
  for (const check of plan.checks) {
    status(`Check ${checks.length + 1} of ${plan.checks.length}: ${check.title}`);
    const result = await runCheck(container, check.id, check.files, check.main, 20_000);
    const actual = result.timedOut ? [...outputLines(result.output), `(no exit within 20 s)`] : outputLines(result.output);
    const ok = !result.timedOut && JSON.stringify(actual) === JSON.stringify(check.expected);
    checks.push({ id: check.id, ok, expected: check.expected, actual });
    const row = checkRows.insertRow();
    row.dataset.check = check.id;
    cell(row, check.title);
    cell(row, check.usedBy.join(', ') || '—');
    cell(row, ok ? 'same as Node' : 'differs', ok ? 'ok' : 'bad');
    cell(row, pre(check.expected));
    cell(row, pre(actual));
  }
  await container.fs.rm(CHECKS_DIR, { recursive: true, force: true }).catch(() => undefined);

  // 2. Every version of every chosen exercise, graded here and compared with local Node.
  const includeFlagged = $<HTMLInputElement>('#include-flagged').checked;
  const filter = $<HTMLInputElement>('#filter').value.trim();
  const chosen = plan.exercises.filter((e) => (includeFlagged || !e.flagged) && e.id.includes(filter));
  const exercises: ExerciseConformance[] = [];
  const gradeRows = $<HTMLTableElement>('#grades').tBodies[0]!;
  let next = chosen[0] ? localReports(chosen[0]) : undefined;
  for (const [index, exercise] of chosen.entries()) {
    const nodeReports = await next!;
    next = chosen[index + 1] ? localReports(chosen[index + 1]!) : undefined;
    const variants: ExerciseConformance['variants'] = [];
    for (const variant of exercise.variants) {
      status(`Exercise ${index + 1} of ${chosen.length}, ${exercise.id}: grading ${variant.label} in WebContainer`);
      let report: GradeReport;
      try {
        report = await runtime.grade(gradeRequest(exercise.graded, variant.files), () => undefined);
      } catch (error) {
        report = { exercise: exercise.id, verdict: 'error', tests: [], durationMs: 0, output: `the runtime failed: ${(error as Error).message}` };
      }
      const node = summarize(nodeReports[variant.label]!);
      const webcontainer = summarize(report);
      let { differences, unsteady } = reportDifferences(node, webcontainer);
      if (differences.length) {
        // Before holding it against WebContainer: does Node itself give this code the same statuses every time?
        status(`Exercise ${index + 1} of ${chosen.length}, ${exercise.id}: ${variant.label} differs; grading it twice more with local Node`);
        const again = (await localReports(exercise, variant.label, 2)).map(summarize);
        ({ differences, unsteady } = reportDifferences(node, webcontainer, again));
      }
      variants.push({ label: variant.label, mustPass: variant.mustPass, node, webcontainer, differences, unsteady });
      const row = gradeRows.insertRow();
      row.dataset.exercise = exercise.id;
      row.dataset.variant = variant.label;
      cell(row, exercise.id);
      cell(row, variant.label);
      cell(row, `${node.verdict} (${node.tests.filter((t) => t.status === 'pass').length}/${node.tests.length} tests pass)`);
      cell(row, `${webcontainer.verdict} (${webcontainer.tests.filter((t) => t.status === 'pass').length}/${webcontainer.tests.length} tests pass)`);
      const notes = [...differences, ...unsteady.map((u) => `${u} (also changes between Node runs: not counted)`)];
      cell(row, notes.length ? pre(notes) : 'same', differences.length ? 'bad' : 'ok');
    }
    exercises.push({ id: exercise.id, variants });
  }

  // 3. The recording, and the flags it would set.
  const recording: Conformance = {
    recordedAt: new Date().toISOString(),
    browser: navigator.userAgent,
    browserName: browserName(navigator.userAgent),
    versions: { webcontainerApi: plan.versions.webcontainerApi, webcontainerNode: outputLines(nodeVersion.output)[0] ?? 'unknown', localNode: plan.versions.localNode },
    checks,
    exercises,
  };
  const flagRows = $<HTMLTableElement>('#flags').tBodies[0]!;
  for (const exercise of plan.exercises) {
    const derived = webContainerUnsupported(exercise.id, exercise.flagged, recording);
    const row = flagRows.insertRow();
    row.dataset.exercise = exercise.id;
    cell(row, exercise.id);
    cell(row, exercise.flagged ? 'unsupported' : 'graded in WebContainer');
    cell(row, derived ? `unsupported: ${derived}` : 'graded in WebContainer', derived ? 'bad' : 'ok');
  }
  const json = JSON.stringify(recording, null, 2) + '\n';
  $<HTMLTextAreaElement>('#result').value = json;
  const link = $<HTMLAnchorElement>('#download');
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.hidden = false;
  const variantCount = exercises.reduce((n, e) => n + e.variants.length, 0);
  const same = exercises.reduce((n, e) => n + e.variants.filter((v) => v.differences.length === 0).length, 0);
  status(`Done: ${checks.filter((c) => c.ok).length} of ${checks.length} checks as on Node; ${same} of ${variantCount} versions of ${exercises.length} exercises graded as on Node.`);
  document.body.dataset.done = 'true';
}

/** Local Node's reports of every version of an exercise, by label; or, given a label, `runs` more of that one. */
async function localReports(exercise: PlanExercise): Promise<Record<string, GradeReport>>;
async function localReports(exercise: PlanExercise, label: string, runs: number): Promise<GradeReport[]>;
async function localReports(exercise: PlanExercise, label?: string, runs?: number): Promise<Record<string, GradeReport> | GradeReport[]> {
  const response = await fetch(LOCAL_REPORTS_PATH, { method: 'POST', body: JSON.stringify({ id: exercise.id, label, runs }) });
  if (!response.ok) throw new Error(`local Node could not grade ${exercise.id}: ${await response.text()}`);
  return (await response.json()) as Record<string, GradeReport> | GradeReport[];
}

void main();
