// Runs one small Node program inside a container (WebContainer, or the local stand-in) and collects its output.
import type { FileMap } from '../lib/grading/workspace.ts';
import type { ContainerLike } from '../lib/sandbox/webcontainer.ts';
import { toFileTree } from '../lib/sandbox/webcontainer-tree.ts';

export const CHECKS_DIR = 'probe-checks';

export async function runCheck(container: ContainerLike, id: string, files: FileMap, main: string, limitMs: number): Promise<{ output: string; timedOut: boolean }> {
  const dir = `${CHECKS_DIR}/${id}`;
  await container.fs.mkdir(dir, { recursive: true });
  await container.mount(toFileTree(files), { mountPoint: dir });
  const proc = await container.spawn('node', [main], { cwd: dir, env: { FORCE_COLOR: '0', NO_COLOR: '1' } });
  let output = '';
  const reading = proc.output.pipeTo(new WritableStream({ write: (chunk) => void (output += chunk) })).catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([proc.exit.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), limitMs)))]);
  clearTimeout(timer);
  if (timedOut) proc.kill();
  // The last output may arrive just after the exit.
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 500))]);
  return { output, timedOut };
}
