// A stand-in for WebContainer backed by local Node, served over HTTP to a page: the probe page's end-to-end test
// drives the real WebContainer runtime (src/lib/sandbox/webcontainer.ts) and the real conformance checks through
// it, on a machine that cannot reach StackBlitz. It implements exactly ContainerLike: a working directory per boot,
// file reads, mkdir, rm, mounting a tree, and processes whose merged output streams back. Mounting the test-tools
// snapshot links the staged tools folder instead of unpacking the binary snapshot (the page still downloads it).
// Never part of the course site: only `npm run probe:webcontainer -- --container local` serves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { FileTree } from '../sandbox/webcontainer-tree.ts';
import { cleanEnv } from '../runner/clean-env.ts';
import { LOCAL_CONTAINER_PATH } from './plan.ts';


interface Proc {
  child: ChildProcess;
  chunks: string[];
  readers: Set<ServerResponse>;
  exit: Promise<number>;
  done: boolean;
}

interface Container {
  dir: string;
  procs: Map<number, Proc>;
}

export interface LocalContainerOptions {
  /** The Node that runs `node` inside the container (WebContainer's Node is 20). */
  nodePath: string;
  /** A folder with package.json, package-lock.json and node_modules: what the snapshot holds. */
  toolsDir: string;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function localContainerMiddleware(options: LocalContainerOptions): Middleware & { closeAll(): void } {
  const containers = new Map<number, Container>();
  let nextId = 0;
  let nextPid = 0;

  const inside = (container: Container, path: string): string => {
    const full = resolve(container.dir, path);
    if (full !== container.dir && !full.startsWith(container.dir + sep)) throw Object.assign(new Error(`${path}: outside the container`), { code: 'EACCES' });
    return full;
  };

  function writeTree(root: string, tree: FileTree): void {
    for (const [name, node] of Object.entries(tree)) {
      const path = join(root, name);
      if ('directory' in node) {
        mkdirSync(path, { recursive: true });
        writeTree(path, node.directory);
      } else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, node.file.contents);
      }
    }
  }

  function teardown(container: Container): void {
    for (const proc of container.procs.values()) if (!proc.done) proc.child.kill('SIGKILL');
    rmSync(container.dir, { recursive: true, force: true });
  }

  const handle = async (route: string[], body: Record<string, unknown>, res: ServerResponse): Promise<unknown> => {
    if (route[0] === 'boot') {
      const id = ++nextId;
      containers.set(id, { dir: mkdtempSync(join(tmpdir(), 'local-container-')), procs: new Map() });
      return { id, workdir: containers.get(id)!.dir };
    }
    const container = containers.get(Number(route[0]));
    if (!container) throw Object.assign(new Error('this container was torn down'), { code: 'EDEAD' });
    switch (route[1]) {
      case 'teardown':
        containers.delete(Number(route[0]));
        teardown(container);
        return {};
      case 'mount-snapshot': {
        if (!(Number(body.bytes) > 0)) throw new Error('an empty snapshot');
        for (const name of ['package.json', 'package-lock.json']) cpSync(join(options.toolsDir, name), join(container.dir, name));
        symlinkSync(join(options.toolsDir, 'node_modules'), join(container.dir, 'node_modules'), 'dir');
        return {};
      }
      case 'mount-tree': {
        const root = inside(container, String(body.mountPoint ?? '.'));
        mkdirSync(root, { recursive: true });
        writeTree(root, body.tree as FileTree);
        return {};
      }
      case 'read-file':
        return { text: readFileSync(inside(container, String(body.path)), 'utf8') };
      case 'mkdir':
        mkdirSync(inside(container, String(body.path)), { recursive: true });
        return {};
      case 'rm':
        rmSync(inside(container, String(body.path)), { recursive: true, force: true });
        return {};
      case 'spawn': {
        if (body.command !== 'node') throw Object.assign(new Error(`${String(body.command)}: command not found`), { code: 'ENOENT' });
        const child = spawn(options.nodePath, body.args as string[], {
          cwd: inside(container, String(body.cwd ?? '.')),
          env: cleanEnv((body.env ?? {}) as Record<string, string>),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const proc: Proc = { child, chunks: [], readers: new Set(), done: false, exit: Promise.resolve(0) };
        proc.exit = new Promise((done) => {
          child.once('close', (code, signal) => {
            proc.done = true;
            for (const reader of proc.readers) reader.end();
            done(code ?? (signal ? 128 + 9 : 1));
          });
          child.once('error', () => undefined);
        });
        for (const stream of [child.stdout!, child.stderr!]) {
          stream.setEncoding('utf8');
          stream.on('data', (text: string) => {
            proc.chunks.push(text);
            for (const reader of proc.readers) reader.write(text);
          });
        }
        const pid = ++nextPid;
        container.procs.set(pid, proc);
        return { pid };
      }
      case 'output': {
        const proc = container.procs.get(Number(route[2]));
        if (!proc) throw new Error('no such process');
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        for (const chunk of proc.chunks) res.write(chunk);
        if (proc.done) res.end();
        else {
          proc.readers.add(res);
          res.once('close', () => proc.readers.delete(res));
        }
        return undefined;
      }
      case 'exit': {
        const proc = container.procs.get(Number(route[2]));
        if (!proc) throw new Error('no such process');
        return { code: await proc.exit };
      }
      case 'kill':
        container.procs.get(Number(route[2]))?.child.kill('SIGKILL');
        return {};
      default:
        throw new Error(`unknown request ${route.join('/')}`);
    }
  };

  const middleware: Middleware = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(`${LOCAL_CONTAINER_PATH}/`)) return next();
    const route = url.pathname.slice(LOCAL_CONTAINER_PATH.length + 1).split('/');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end('not JSON');
        return;
      }
      handle(route, body, res).then(
        (result) => {
          if (result !== undefined) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        },
        (error: Error & { code?: string }) => {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: error.message, code: error.code }));
        },
      );
    });
  };
  return Object.assign(middleware, {
    closeAll() {
      for (const container of containers.values()) teardown(container);
      containers.clear();
    },
  });
}
