// WebContainer mounts nested trees, not path -> text maps. This type is the part of its FileSystemTree we use.
import type { FileMap } from '../grading/workspace.ts';

export interface FileTree {
  [name: string]: { directory: FileTree } | { file: { contents: string } };
}

export function toFileTree(files: FileMap): FileTree {
  const root: FileTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    const name = parts.pop();
    if (name === undefined) throw new Error(`toFileTree: empty path`);
    let folder = root;
    for (const part of parts) {
      const node = (folder[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`toFileTree: "${part}" in "${path}" is a file and a folder`);
      folder = node.directory;
    }
    if (folder[name]) throw new Error(`toFileTree: "${path}" is a file and a folder`);
    folder[name] = { file: { contents } };
  }
  return root;
}
