// Usage: npm run probe:webcontainer [-- --port 4330] [--host localhost] [--only id,id] [--variants label,label]
//                                   [--container webcontainer|local]
//
// Serves the WebContainer probe page (src/probe/): open it in a browser with internet access (Chrome, then Firefox
// and Safari) and press Start. It boots WebContainer, runs the conformance checks of src/lib/probe/checks.ts and
// the event-loop programs whose output graders compare with, grades every version of every exercise (solution,
// alt/, starter, wrong/) in WebContainer, and compares each report with local Node's (graded here, on the pinned
// Node). Save the JSON it offers as docs/webcontainer-conformance.json and commit it: src/lib/probe/conformance.ts
// then derives which exercises WebContainer may grade from it.
// `--container local` puts local Node 20 behind the WebContainer interface instead (how the tests drive the page
// on a machine without internet). `--only` limits the exercises, `--variants` the versions (e.g. solution,starter).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { ISOLATION_HEADERS } from '../src/lib/course/headers.ts';
import { listExercises, PROJECT_ROOT, type Exercise } from '../src/lib/exercises/load.ts';
import { variantsOf } from '../src/lib/exercises/variants.ts';
import { sandboxPayload } from '../src/lib/course/sandbox-payload.ts';
import { runGraderBatch } from '../src/lib/runner/run-batch.ts';
import { nodeRuntimes } from '../src/lib/runner/node-binaries.ts';
import { CHECKS } from '../src/lib/probe/checks.ts';
import { eventLoopChecks } from '../src/lib/probe/event-loop-checks.ts';
import { localContainerMiddleware } from '../src/lib/probe/local-container.ts';
import { LOCAL_REPORTS_PATH, PLAN_PATH, type PlanExercise, type ProbePlan } from '../src/lib/probe/plan.ts';
import { buildSandboxRuntime, OUT_DIR, RUNTIME_DIR } from './build-sandbox-runtime.ts';
import { readRuntimeInfo, type RuntimeInfo } from '../src/lib/course/sandbox-snapshot.ts';
import type { GradeReport } from '../src/lib/schemas/report.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4330' },
    host: { type: 'string', default: 'localhost' },
    container: { type: 'string', default: 'webcontainer' },
    only: { type: 'string' },
    variants: { type: 'string' },
  },
});
const mode = values.container === 'local' ? 'local' : values.container === 'webcontainer' ? 'webcontainer' : undefined;
if (!mode) {
  console.error(`--container must be webcontainer or local, not "${values.container}"`);
  process.exit(2);
}

// The test tools the page downloads: built once, like `npm run dev` does.
let runtimeInfo: RuntimeInfo;
try {
  runtimeInfo = readRuntimeInfo(OUT_DIR);
} catch {
  await buildSandboxRuntime();
  runtimeInfo = readRuntimeInfo(OUT_DIR);
}
const snapshotFile = runtimeInfo.file;

const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const labels = values.variants?.split(',').map((s) => s.trim()).filter(Boolean);
const exercises = listExercises().filter((e) => !only || only.includes(e.meta.id));
if (only && exercises.length !== only.length) {
  console.error(`--only: no exercise with the id ${only.filter((id) => !exercises.some((e) => e.meta.id === id)).join(', ')}`);
  process.exit(2);
}
const [pinned, node20] = nodeRuntimes();
const version = (path: string) => JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { version: string };

function planExercise(exercise: Exercise): PlanExercise {
  const payload = sandboxPayload(exercise);
  return {
    id: exercise.meta.id,
    title: exercise.meta.title,
    ...(exercise.meta.webContainerUnsupported ? { flagged: exercise.meta.webContainerUnsupported } : {}),
    graded: {
      id: payload.id,
      files: payload.files,
      timeLimitMs: payload.timeLimitMs,
      testTimeoutMs: payload.testTimeoutMs,
      threadFiles: payload.threadFiles,
      grader: payload.grader,
      support: payload.support,
    },
    variants: variantsOf(exercise)
      .filter((v) => !labels || labels.includes(v.label))
      .map((v) => ({ label: v.label, mustPass: v.mustPass, files: v.files })),
  };
}

const plan: ProbePlan = {
  mode,
  ...(process.env.PUBLIC_WEBCONTAINER_API_KEY ? { apiKey: process.env.PUBLIC_WEBCONTAINER_API_KEY } : {}),
  snapshotUrl: `/sandbox/${snapshotFile}`,
  snapshotSha256: runtimeInfo.sha256,
  versions: { webcontainerApi: version(join(PROJECT_ROOT, 'node_modules/@webcontainer/api')).version, localNode: `${pinned!.label} ${version(join(PROJECT_ROOT, 'node_modules/node')).version}` },
  checks: [...CHECKS, ...eventLoopChecks()],
  exercises: exercises.map(planExercise),
};

// The page, bundled once: its TypeScript, @webcontainer/api, and our grading glue imported as text (`?raw`).
const raw: Plugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};
const bundle = await build({
  entryPoints: [join(PROJECT_ROOT, 'src/probe/probe.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  plugins: [raw],
  define: { 'import.meta.env.BASE_URL': '"/"' },
  logLevel: 'error',
});
const pageScript = bundle.outputFiles[0]!.text;

// Local Node's reports, graded on the pinned Node (the reference) one request at a time, kept for the session.
// With a label, the same version is graded `runs` times more: the page asks for that when WebContainer differs, to
// tell a test whose status Node itself does not hold steady (a race a wrong solution loses only sometimes).
const reports = new Map<string, Promise<Record<string, GradeReport> | GradeReport[]>>();
let queue: Promise<unknown> = Promise.resolve();
function localReports(request: { id?: string; label?: string; runs?: number }): Promise<Record<string, GradeReport> | GradeReport[]> {
  const id = request.id ?? '';
  const key = JSON.stringify([id, request.label, request.runs]);
  let pending = reports.get(key);
  if (!pending) {
    const exercise = exercises.find((e) => e.meta.id === id);
    if (!exercise) return Promise.reject(new Error(`no exercise ${id} in this probe`));
    const all = plan.exercises.find((e) => e.id === id)!.variants;
    const again = request.label === undefined ? undefined : all.find((v) => v.label === request.label);
    if (request.label !== undefined && !again) return Promise.reject(new Error(`${id} has no version ${request.label}`));
    const variants = again ? Array.from({ length: Math.min(5, Math.max(1, request.runs ?? 2)) }, () => again) : all;
    pending = queue.then(async () => {
      const { reports: graded } = await runGraderBatch({ exercise, variants: variants.map((v) => ({ label: v.label, files: v.files })), nodePath: pinned!.path });
      return again ? graded : Object.fromEntries(variants.map((v, i) => [v.label, graded[i]!]));
    });
    queue = pending.catch(() => undefined);
    reports.set(key, pending);
  }
  return pending;
}

const container = mode === 'local' ? localContainerMiddleware({ nodePath: (node20 ?? pinned)!.path, toolsDir: RUNTIME_DIR }) : undefined;
const STATIC: Record<string, { type: string; body: () => string | Buffer }> = {
  '/': { type: 'text/html; charset=utf-8', body: () => readFileSync(join(PROJECT_ROOT, 'src/probe/index.html'), 'utf8') },
  '/probe.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(PROJECT_ROOT, 'src/probe/probe.css'), 'utf8') },
  '/probe.js': { type: 'text/javascript; charset=utf-8', body: () => pageScript },
  [PLAN_PATH]: { type: 'application/json', body: () => JSON.stringify(plan) },
  [`/sandbox/${snapshotFile}`]: { type: 'application/gzip', body: () => readFileSync(join(OUT_DIR, snapshotFile)) },
};

function serve(req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = STATIC[path];
  if (file && req.method === 'GET') {
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body());
    return;
  }
  if (path === LOCAL_REPORTS_PATH && req.method === 'POST') {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      localReports(JSON.parse(text || '{}') as { id?: string; label?: string; runs?: number }).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
        (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
    return;
  }
  if (container) return container(req, res, () => res.writeHead(404).end('not found'));
  res.writeHead(404).end('not found');
}

const server = createServer(serve);
server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`WebContainer probe (${mode === 'local' ? 'local Node stand-in' : 'WebContainer'}, ${plan.exercises.length} exercises, ${plan.checks.length} checks): http://${values.host}:${port}/`);
});
const stop = () => {
  container?.closeAll();
  server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
