// The learner's own copies: workspace/<module>/<slug>/, created from the starter on first use.
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PROJECT_ROOT, readSupport, type Exercise } from '../src/lib/exercises/load.ts';

/** The learner's git-ignored copies; tests point CT_WORKSPACE_DIR at a temporary folder. */
export const WORKSPACE_ROOT = process.env.CT_WORKSPACE_DIR ? join(process.env.CT_WORKSPACE_DIR) : join(PROJECT_ROOT, 'workspace');
export const PROGRESS_FILE = join(WORKSPACE_ROOT, 'progress.json');

export function workspaceDir(exercise: Exercise): string {
  return join(WORKSPACE_ROOT, exercise.meta.id);
}

/** Creates the copy if it is missing; returns the files created (empty when it already existed). */
export function ensureWorkspace(exercise: Exercise): string[] {
  const dir = workspaceDir(exercise);
  const created: string[] = [];
  for (const name of exercise.meta.files) {
    const path = join(dir, name);
    if (existsSync(path)) continue;
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(exercise.dir, 'starter', name), path);
    created.push(path);
  }
  // Support files are refreshed every time and made read-only: they are part of the exercise, not the answer.
  for (const [name, text] of Object.entries(readSupport(exercise))) {
    const path = join(dir, 'support', name);
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) chmodSync(path, 0o644);
    writeFileSync(path, text);
    chmodSync(path, 0o444);
  }
  const tsconfig = join(WORKSPACE_ROOT, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    // Lets an editor type-check the copies with the course's settings.
    writeFileSync(tsconfig, JSON.stringify({ extends: '../tsconfig.json', include: ['**/*.ts'], exclude: [] }, null, 2) + '\n');
  }
  return created;
}

/** Paths below the current folder print relative to it; anything else prints in full. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
