// The conformance checks of the WebContainer probe (`npm run probe:webcontainer`): small Node programs, each
// testing one behaviour that some grader relies on and that WebContainer's in-browser Node may not reproduce
// (../shared/reviews/webcontainer-review.md, section 5). Each check states the lines real Node prints;
// tests/unit/probe-checks.test.ts runs every program on Node 20 and Node 24 and holds them to those lines, and the
// probe page runs them inside WebContainer and compares.
import type { FileMap } from '../grading/workspace.ts';

export interface ConformanceCheck {
  id: string;
  /** What is checked, in a few words. */
  title: string;
  /** The exercises whose graders depend on this behaviour. */
  usedBy: string[];
  /** The program's files; `main.mjs` (or `main.cjs`) is run with `node`. */
  files: FileMap;
  main: string;
  /** What Node 20 and Node 24 print, line by line (blank lines dropped). */
  expected: string[];
}

/** Output of a run as lines: a pseudo-terminal's \r\n and colour codes removed, blank lines dropped. */
export function outputLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n|\r/).map((line) => line.trimEnd()).filter((line) => line !== '');
}

export const CHECKS: ConformanceCheck[] = [
  {
    id: 'active-resources',
    title: 'process.getActiveResourcesInfo() names a listening server and a timer as libuv does',
    usedBy: ['debugging/leak-hunt', 'threads/rpc-client'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { createServer } from 'node:net';
const server = createServer().listen(0, '127.0.0.1', () => {
  const timer = setTimeout(() => {}, 10_000);
  const names = process.getActiveResourcesInfo();
  for (const name of ['TCPServerWrap', 'Timeout']) console.log(name + ': ' + names.includes(name));
  clearTimeout(timer);
  server.close();
});
`,
    },
    expected: ['TCPServerWrap: true', 'Timeout: true'],
  },
  {
    id: 'port-close-after-terminate',
    title: "a MessagePort whose other end was in a terminated worker emits 'close'",
    usedBy: ['threads/rpc-client'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { MessageChannel, Worker } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { port: port2 }, transferList: [port2] });
const timer = setTimeout(() => { console.log('no close within 3 s'); process.exit(0); }, 3000);
port1.on('close', () => { console.log('close'); clearTimeout(timer); });
port1.once('message', (text) => { console.log(text); worker.terminate(); });
`,
      'worker.mjs': `import { workerData } from 'node:worker_threads';
workerData.port.postMessage('worker ready');
setInterval(() => {}, 1000);
`,
    },
    expected: ['worker ready', 'close'],
  },
  {
    id: 'fork-signals',
    title: "a forked child's 'exit' event names the signal it died of, and a child sees its parent disconnect",
    usedBy: ['threads/run-in-child'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { fork } from 'node:child_process';
const child = (mode) => fork(new URL('./child.cjs', import.meta.url), [mode]);
const exited = (proc) => new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code + ' ' + signal)));
const ready = (proc) => new Promise((resolve) => proc.once('message', resolve));

const killed = child('wait');
await ready(killed);
killed.kill();
console.log('kill(): ' + await exited(killed));

const selfKilled = child('self-kill');
console.log('SIGKILL itself: ' + await exited(selfKilled));

const orphan = child('wait');
await ready(orphan);
const orphanExit = exited(orphan);
orphan.disconnect();
console.log('parent disconnected: ' + await orphanExit);
`,
      'child.cjs': `if (process.argv[2] === 'self-kill') process.kill(process.pid, 'SIGKILL');
const keepAlive = setInterval(() => {}, 1000);
process.on('disconnect', () => { clearInterval(keepAlive); process.exitCode = 3; });
process.send('ready');
`,
    },
    expected: ['kill(): null SIGTERM', 'SIGKILL itself: null SIGKILL', 'parent disconnected: 3 null'],
  },
  {
    id: 'shared-memory-workers',
    title: 'worker threads started from a real .mjs file share a SharedArrayBuffer and block in Atomics.wait',
    usedBy: ['gil-analogue/atomic-counter', 'gil-analogue/atomics-mutex', 'threads/run-in-worker', 'threads/worker-pool'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { Worker } from 'node:worker_threads';
const cells = new Int32Array(new SharedArrayBuffer(8));
const workers = [1, 2].map(() => new Worker(new URL('./worker.mjs', import.meta.url), { workerData: cells }));
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
Atomics.store(cells, 1, 1);
Atomics.notify(cells, 1);
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
console.log('count: ' + Atomics.load(cells, 0));
`,
      'worker.mjs': `import { parentPort, workerData as cells } from 'node:worker_threads';
parentPort.postMessage('ready');
Atomics.wait(cells, 1, 0, 5000);
for (let i = 0; i < 100000; i++) Atomics.add(cells, 0, 1);
`,
    },
    expected: ['count: 200000'],
  },
  {
    id: 'data-url-worker',
    title: 'a worker started from a data: URL can import a file: URL (no exercise relies on it any more)',
    usedBy: [],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { Worker } from 'node:worker_threads';
const lib = new URL('./lib.mjs', import.meta.url).href;
const source = "import { parentPort } from 'node:worker_threads'; const { twice } = await import(" + JSON.stringify(lib) + "); parentPort.postMessage(twice(21));";
const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(source)));
worker.once('message', (value) => { console.log('from data: worker ' + value); worker.terminate(); });
worker.once('error', (error) => console.log('error ' + error.message));
`,
      'lib.mjs': 'export const twice = (n) => n * 2;\n',
    },
    expected: ['from data: worker 42'],
  },
  {
    id: 'abort-listeners',
    title: "events.getEventListeners counts an AbortSignal's 'abort' listeners",
    usedBy: ['shutdown/abortable-sleep', 'debugging/leak-hunt'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { getEventListeners } from 'node:events';
const { signal } = new AbortController();
const first = () => {};
signal.addEventListener('abort', first);
signal.addEventListener('abort', () => {});
console.log('after adding two: ' + getEventListeners(signal, 'abort').length);
signal.removeEventListener('abort', first);
console.log('after removing one: ' + getEventListeners(signal, 'abort').length);
`,
    },
    expected: ['after adding two: 2', 'after removing one: 1'],
  },
  {
    id: 'async-local-storage',
    title: 'AsyncLocalStorage keeps its store across await, timers and promise callbacks',
    usedBy: ['debugging/request-context'],
    main: 'main.mjs',
    files: {
      'main.mjs': `import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
const storage = new AsyncLocalStorage();
async function handle(id) {
  await null;
  const afterAwait = storage.getStore();
  await sleep(5);
  const afterTimer = storage.getStore();
  const inThen = await Promise.resolve().then(() => storage.getStore());
  return id + ': ' + [afterAwait, afterTimer, inThen].join(' ');
}
const lines = await Promise.all(['a', 'b'].map((id) => storage.run(id, () => handle(id))));
for (const line of lines) console.log(line);
`,
    },
    expected: ['a: a a a', 'b: b b b'],
  },
  {
    id: 'async-stack-frames',
    title: 'Error.prepareStackTrace sees async frames (CallSite.isAsync) across await',
    usedBy: ['debugging/keep-the-trail'],
    main: 'main.mjs',
    files: {
      'main.mjs': `async function inner() { await null; throw new Error('boom'); }
async function outer() { await inner(); }
Error.prepareStackTrace = (_error, sites) => sites.map((site) => (site.isAsync() ? 'async ' : '') + site.getFunctionName());
try {
  await outer();
} catch (error) {
  for (const frame of error.stack.filter((frame) => /inner|outer/.test(frame))) console.log(frame);
}
`,
    },
    expected: ['inner', 'async outer'],
  },
];
