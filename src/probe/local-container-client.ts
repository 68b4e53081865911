// The page's side of src/lib/probe/local-container.ts: a ContainerLike whose every call goes to the probe server,
// which carries it out with local Node. Used only when the probe runs with `--container local` (its tests).
import type { ContainerLike, ContainerProcess } from '../lib/sandbox/webcontainer.ts';
import type { FileTree } from '../lib/sandbox/webcontainer-tree.ts';
import { LOCAL_CONTAINER_PATH } from '../lib/probe/plan.ts';

async function call<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${LOCAL_CONTAINER_PATH}/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const json = (await response.json()) as T & { message?: string; code?: string };
  if (!response.ok) throw Object.assign(new Error(json.message ?? `HTTP ${response.status}`), { code: json.code });
  return json;
}

export async function bootLocalContainer(): Promise<ContainerLike> {
  const { id, workdir } = await call<{ id: number; workdir: string }>('boot');
  let dead = false;
  const alive = (what: string) => {
    if (dead) throw new Error(`${what}: this container was torn down`);
  };
  return {
    workdir,
    fs: {
      readFile: async (path) => (alive('readFile'), (await call<{ text: string }>(`${id}/read-file`, { path })).text),
      mkdir: async (path) => (alive('mkdir'), call(`${id}/mkdir`, { path })),
      rm: async (path) => {
        alive('rm');
        await call(`${id}/rm`, { path });
      },
    },
    async mount(data: ArrayBuffer | FileTree, options?: { mountPoint?: string }) {
      alive('mount');
      if (data instanceof ArrayBuffer) await call(`${id}/mount-snapshot`, { bytes: data.byteLength });
      else await call(`${id}/mount-tree`, { tree: data, mountPoint: options?.mountPoint ?? '.' });
    },
    async spawn(command, args, options): Promise<ContainerProcess> {
      alive('spawn');
      const { pid } = await call<{ pid: number }>(`${id}/spawn`, { command, args, cwd: options?.cwd ?? '.', env: options?.env ?? {} });
      const response = await fetch(`${LOCAL_CONTAINER_PATH}/${id}/output/${pid}`, { method: 'POST' });
      const output = response.body!.pipeThrough(new TextDecoderStream());
      return {
        output,
        exit: call<{ code: number }>(`${id}/exit/${pid}`).then((r) => r.code),
        kill: () => void call(`${id}/kill/${pid}`).catch(() => undefined),
      };
    },
    teardown() {
      dead = true;
      void call(`${id}/teardown`).catch(() => undefined);
    },
  };
}
