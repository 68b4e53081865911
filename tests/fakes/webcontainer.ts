// An in-memory stand-in for WebContainer, exactly the ContainerLike part of it: a Map-backed file system that
// records mounts, and processes whose behaviour each test scripts. Like the real one, a torn-down instance
// refuses every later call, and a mounted snapshot's ArrayBuffer is transferred (left empty).
import { serializeEvent, type JournalEvent } from '../../src/lib/grading/journal.ts';
import type { ContainerLike, ContainerProcess, ContainerSpawnOptions } from '../../src/lib/sandbox/webcontainer.ts';
import type { FileTree } from '../../src/lib/sandbox/webcontainer-tree.ts';

export interface SpawnCall {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** What a scripted process can do. */
export interface FakeProcess {
  readonly call: SpawnCall;
  readonly container: FakeContainer;
  print(text: string): void;
  /** Appends events to `<cwd>/grading/journal.ndjson`, as the Vitest worker does. */
  journal(...events: JournalEvent[]): void;
  exit(code: number): void;
  /** kill() was called. A scripted process keeps running anyway, like one stuck in a synchronous loop. */
  readonly killed: boolean;
}

export type Behaviour = (proc: FakeProcess) => void | Promise<void>;

export type Mount = { kind: 'snapshot'; bytes: number } | { kind: 'tree'; mountPoint: string; paths: string[] };

export class FakeContainer implements ContainerLike {
  readonly id: number;
  readonly workdir = '/home/project';
  readonly files = new Map<string, string>();
  readonly mounts: Mount[] = [];
  readonly processes: FakeProcess[] = [];
  dead = false;
  readonly #host: FakeWebContainerHost;
  readonly #onTeardown: (() => void)[] = [];

  constructor(host: FakeWebContainerHost, id: number) {
    this.#host = host;
    this.id = id;
  }

  #alive(what: string): void {
    if (this.dead) throw new Error(`${what}: this WebContainer instance was torn down`);
  }

  readonly fs = {
    readFile: async (path: string, _encoding: 'utf-8'): Promise<string> => {
      this.#alive('readFile');
      this.#host.log.push(`read ${this.id} ${path}`);
      if (this.#host.stallReads) return new Promise<string>(() => {});
      const text = this.files.get(normalize(path));
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    mkdir: async (path: string, _options: { recursive: true }): Promise<string> => {
      this.#alive('mkdir');
      return path;
    },
    rm: async (path: string, _options?: { force?: boolean; recursive?: boolean }): Promise<void> => {
      this.#alive('rm');
      this.#host.log.push(`rm ${this.id} ${path}`);
      const prefix = normalize(path) + '/';
      for (const key of [...this.files.keys()]) if (key === normalize(path) || key.startsWith(prefix)) this.files.delete(key);
    },
  };

  async mount(data: ArrayBuffer | FileTree, options?: { mountPoint?: string }): Promise<void> {
    this.#alive('mount');
    if (data instanceof ArrayBuffer) {
      if (data.byteLength === 0) throw new Error('mount: empty snapshot (a transferred buffer?)');
      this.mounts.push({ kind: 'snapshot', bytes: data.byteLength });
      this.#host.log.push(`mount ${this.id} snapshot`);
      structuredClone(data, { transfer: [data] });
      this.files.set('node_modules/vitest/vitest.mjs', '// fake');
      return;
    }
    const mountPoint = normalize(options?.mountPoint ?? '');
    const paths: string[] = [];
    const visit = (tree: FileTree, prefix: string) => {
      for (const [name, node] of Object.entries(tree)) {
        const path = prefix ? `${prefix}/${name}` : name;
        if ('directory' in node) visit(node.directory, path);
        else {
          paths.push(path);
          this.files.set(mountPoint ? `${mountPoint}/${path}` : path, node.file.contents);
        }
      }
    };
    visit(data, '');
    this.mounts.push({ kind: 'tree', mountPoint, paths: paths.sort() });
    this.#host.log.push(`mount ${this.id} ${mountPoint}`);
  }

  async spawn(command: string, args: string[], options?: ContainerSpawnOptions): Promise<ContainerProcess> {
    this.#alive('spawn');
    const call: SpawnCall = { command, args, cwd: normalize(options?.cwd ?? ''), env: options?.env ?? {} };
    const host = this.#host;
    const isVitest = command === 'node' && /vitest\.mjs$/.test(args[0] ?? '');
    const isSmoke = command === 'node' && args[0] === '-e';
    host.log.push(`spawn ${this.id} ${isVitest ? 'vitest' : isSmoke ? 'smoke' : command}`);
    host.spawns.push(call);
    const behaviour = isVitest ? host.vitest : isSmoke ? host.smoke : undefined;
    if (!behaviour) throw new Error(`spawn: the fake knows only node -e and vitest, not ${command} ${args.join(' ')}`);

    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({ start: (c) => void (controller = c) });
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    let exited = false;
    let killed = false;
    if (isVitest) host.running++;
    host.maxRunning = Math.max(host.maxRunning, host.running);
    const finish = () => {
      if (exited) return false;
      exited = true;
      if (isVitest) host.running--;
      return true;
    };
    const container = this;
    const proc: FakeProcess = {
      call,
      container,
      print: (text) => {
        if (!exited && !container.dead) controller.enqueue(text);
      },
      journal: (...events) => {
        if (container.dead) return;
        const path = `${call.cwd}/grading/journal.ndjson`;
        container.files.set(path, (container.files.get(path) ?? '') + events.map(serializeEvent).join(''));
      },
      exit: (code) => {
        if (container.dead || !finish()) return;
        controller.close();
        resolveExit(code);
      },
      get killed() {
        return killed;
      },
    };
    this.processes.push(proc);
    // A torn-down container takes its processes with it: their output breaks and they never exit.
    this.#onTeardown.push(() => {
      if (finish()) controller.error(new Error('torn down'));
    });
    setTimeout(() => void Promise.resolve(behaviour(proc)).catch(() => undefined), 0);
    return {
      exit,
      output,
      kill: () => {
        killed = true;
        host.log.push(`kill ${this.id}`);
      },
    };
  }

  readonly #errorListeners: ((error: { message: string }) => void)[] = [];
  on(_event: 'error', listener: (error: { message: string }) => void): () => void {
    this.#errorListeners.push(listener);
    return () => void this.#errorListeners.splice(this.#errorListeners.indexOf(listener), 1);
  }
  /** What WebContainer does when, say, a content blocker stops it. */
  fail(message: string): void {
    for (const listener of [...this.#errorListeners]) listener({ message });
  }

  teardown(): void {
    if (this.dead) return;
    this.dead = true;
    this.#host.log.push(`teardown ${this.id}`);
    for (const hook of this.#onTeardown) hook();
  }
}

export interface FakeHostOptions {
  /** 'never': boot() never settles until releaseBoot(); an Error: boot() rejects with it. */
  boot?: 'ok' | 'never' | Error;
}

/** The page: boots fake containers, and holds the scripts and records tests check. */
export class FakeWebContainerHost {
  readonly containers: FakeContainer[] = [];
  /** Every boot, mount, spawn, journal read, kill and teardown, in order: "mount 1 snapshot", "teardown 1". */
  readonly log: string[] = [];
  readonly spawns: SpawnCall[] = [];
  boots = 0;
  /** What Vitest does in the next runs. */
  vitest: Behaviour = passing([{ name: 'works', task: 1 }]);
  /** What `node -e` (the smoke test) does. */
  smoke: Behaviour = (proc) => {
    proc.print('sandbox-smoke-ok node 20.19.0 vitest 4.1.12 wasm object\r\n');
    proc.exit(0);
  };
  /** While true, fs.readFile never answers (a container busy with a stuck process). */
  stallReads = false;
  running = 0;
  maxRunning = 0;
  #mode: 'ok' | 'never' | Error;
  #release: (() => void)[] = [];

  constructor(options: FakeHostOptions = {}) {
    this.#mode = options.boot ?? 'ok';
  }

  get current(): FakeContainer | undefined {
    return this.containers.at(-1);
  }

  readonly boot = async (): Promise<ContainerLike> => {
    this.boots++;
    this.log.push(`boot ${this.boots}`);
    const mode = this.#mode;
    if (mode instanceof Error) throw mode;
    if (mode === 'never') await new Promise<void>((resolve) => this.#release.push(resolve));
    const container = new FakeContainer(this, this.containers.length + 1);
    this.containers.push(container);
    return container;
  };

  /** Lets boots held by { boot: 'never' } finish, and later ones succeed at once. */
  releaseBoot(): void {
    this.#mode = 'ok';
    for (const release of this.#release.splice(0)) release();
  }
}

function normalize(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface FakeTest {
  name: string;
  task?: number;
  status?: 'pass' | 'fail';
  message?: string;
}

const collected = (tests: FakeTest[]): JournalEvent => ({ type: 'collected', tests: tests.map((t, i) => ({ id: `t${i}`, name: t.name, task: t.task })) });

/** Vitest runs every test with the status given (pass by default), reports done, and exits. */
export function passing(tests: FakeTest[], exitCode?: number): Behaviour {
  return async (proc) => {
    proc.journal({ type: 'loaded' }, collected(tests));
    for (const [i, t] of tests.entries()) {
      proc.journal({ type: 'start', id: `t${i}` }, { type: 'end', id: `t${i}`, status: t.status ?? 'pass', message: t.message });
      await sleep(1);
    }
    proc.journal({ type: 'done' });
    proc.print(` Test Files  1 passed (1)\r\n`);
    proc.exit(exitCode ?? (tests.some((t) => t.status === 'fail') ? 1 : 0));
  };
}

/** The first `finished` tests pass, the next one starts and the process never exits (a synchronous loop). */
export function hangs(tests: FakeTest[], finished: number, options: { startAfterMs?: number } = {}): Behaviour {
  return async (proc) => {
    proc.journal({ type: 'loaded' }, collected(tests));
    for (let i = 0; i < finished; i++) proc.journal({ type: 'start', id: `t${i}` }, { type: 'end', id: `t${i}`, status: 'pass' });
    if (options.startAfterMs) await sleep(options.startAfterMs);
    proc.journal({ type: 'start', id: `t${finished}` });
  };
}

/** Prints `bytes` bytes of text in lines, then passes. */
export function printing(bytes: number, tests: FakeTest[] = [{ name: 'prints', task: 1 }]): Behaviour {
  return async (proc) => {
    const line = 'x'.repeat(1023) + '\r\n';
    for (let sent = 0; sent < bytes; sent += 1024) proc.print(line);
    await passing(tests)(proc);
  };
}

/** Exits at once without writing to the journal (the test tools did not start). */
export function exitsSilently(code: number, text = ''): Behaviour {
  return (proc) => {
    if (text) proc.print(text);
    proc.exit(code);
  };
}
