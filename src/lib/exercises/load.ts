// Reads exercises from disk (Node only): metadata validated against the schema, and the code variants the
// runner grades. Errors name the file and the field so an author can fix them without guessing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssues, exerciseSchema, MODULES, type ExerciseMeta } from '../schemas/exercise.ts';
import type { FileMap } from '../grading/workspace.ts';

/**
 * The repository's root: the nearest folder above this module whose package.json is ours. Found by name rather
 * than by a fixed `../../../`, because the CLI also runs from a bundle cached in node_modules/.cache.
 */
export const PROJECT_ROOT = findProjectRoot(fileURLToPath(new URL('.', import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'concurrent-typescript') return dir + sep;
    if (dirname(dir) === dir) throw new Error(`No concurrent-typescript package.json above ${start}`);
  }
}
/** Where exercises live; tests point CT_EXERCISES_DIR at small fixture exercises. */
export const EXERCISES_ROOT = process.env.CT_EXERCISES_DIR ? join(process.env.CT_EXERCISES_DIR) : join(PROJECT_ROOT, 'exercises');

export interface Exercise {
  meta: ExerciseMeta;
  /** Absolute path of `exercises/<module>/<slug>/`. */
  dir: string;
}

export class ExerciseFormatError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
    this.name = 'ExerciseFormatError';
  }
}

export function loadExercise(dir: string, root = EXERCISES_ROOT): Exercise {
  const rel = relative(root, dir).split('\\').join('/');
  const file = relative(PROJECT_ROOT, join(dir, 'exercise.json')).split('\\').join('/');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'exercise.json'), 'utf8'));
  } catch (error) {
    throw new ExerciseFormatError([`${file}: ${(error as Error).message}`]);
  }
  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) throw new ExerciseFormatError(describeIssues(file, parsed.error));
  const meta = parsed.data;
  const problems: string[] = [];
  if (meta.id !== rel) problems.push(`${file}: id: expected "${rel}" (the folder's path), got "${meta.id}"`);
  if (meta.module !== rel.split('/')[0]) problems.push(`${file}: module: expected "${rel.split('/')[0]}" (the parent folder), got "${meta.module}"`);
  if (problems.length) throw new ExerciseFormatError(problems);
  return { meta, dir };
}

/** Every exercise, in course order (module, then `order`). Throws one error listing every malformed exercise. */
export function listExercises(root = EXERCISES_ROOT): Exercise[] {
  const exercises: Exercise[] = [];
  const problems: string[] = [];
  if (!existsSync(root)) return exercises;
  for (const module of readdirSync(root).sort()) {
    const moduleDir = join(root, module);
    if (!statSync(moduleDir).isDirectory()) continue;
    for (const slug of readdirSync(moduleDir).sort()) {
      const dir = join(moduleDir, slug);
      if (!statSync(dir).isDirectory()) continue;
      try {
        exercises.push(loadExercise(dir, root));
      } catch (error) {
        if (error instanceof ExerciseFormatError) problems.push(...error.problems);
        else throw error;
      }
    }
  }
  if (problems.length) throw new ExerciseFormatError(problems);
  const moduleIndex = (m: string) => MODULES.indexOf(m as (typeof MODULES)[number]);
  return exercises.sort((a, b) => moduleIndex(a.meta.module) - moduleIndex(b.meta.module) || a.meta.order - b.meta.order);
}

/** All files below `dir`, by path relative to it. */
export function readTree(dir: string): FileMap {
  const files: FileMap = {};
  if (!existsSync(dir)) return files;
  const visit = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) visit(rel);
      else files[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  visit('');
  return files;
}

export const readSupport = (exercise: Exercise): FileMap => readTree(join(exercise.dir, 'support'));

/**
 * The learner files of a folder (starter/, solution/, a wrong variant's folder, or a workspace copy).
 * Missing files are left out; the grader then reports that the code does not load.
 */
export function readSubjectDir(exercise: Exercise, dir: string): FileMap {
  const files: FileMap = {};
  for (const name of exercise.meta.files) {
    const path = join(dir, name);
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

export interface SolutionVariant {
  /** Named for its mistake (`wrong/sequential-awaits`) or its approach (`alt/promise-race-pool`). */
  name: string;
  files: FileMap;
}

/**
 * The solutions kept in `<kind>/` beside the reference: `wrong/` (plausible mistakes the grader must reject) and
 * `alt/` (correct solutions that take another approach, which the grader must accept). `<kind>/<name>.ts`
 * replaces the exercise's single learner file; `<kind>/<name>/` holds a full set of learner files, for exercises
 * with several.
 */
export function listSolutionVariants(exercise: Exercise, kind: 'wrong' | 'alt'): SolutionVariant[] {
  const dir = join(exercise.dir, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return { name: entry, files: readSubjectDir(exercise, path) };
      const [only] = exercise.meta.files;
      return { name: entry.replace(/\.m?ts$/, ''), files: { [only!]: readFileSync(path, 'utf8') } };
    });
}

export const listWrongSolutions = (exercise: Exercise): SolutionVariant[] => listSolutionVariants(exercise, 'wrong');
export const listAltSolutions = (exercise: Exercise): SolutionVariant[] => listSolutionVariants(exercise, 'alt');

export type Resolution =
  | { kind: 'found'; exercise: Exercise }
  | { kind: 'ambiguous'; candidates: Exercise[] }
  | { kind: 'unknown'; closest: Exercise[] };

/** Accepts a full id, a unique slug, or a unique prefix of either. */
export function resolveExercise(query: string, exercises: Exercise[]): Resolution {
  const q = query.trim().replace(/\/$/, '').replace(/^exercises\//, '').toLowerCase();
  const exact = exercises.find((e) => e.meta.id === q);
  if (exact) return { kind: 'found', exercise: exact };
  const slugOf = (e: Exercise) => e.meta.id.split('/')[1]!;
  const bySlug = exercises.filter((e) => slugOf(e) === q);
  if (bySlug.length === 1) return { kind: 'found', exercise: bySlug[0]! };
  const byPrefix = exercises.filter((e) => e.meta.id.startsWith(q) || slugOf(e).startsWith(q));
  if (byPrefix.length === 1) return { kind: 'found', exercise: byPrefix[0]! };
  if (byPrefix.length > 1) return { kind: 'ambiguous', candidates: byPrefix };
  const scored = exercises
    .map((e) => ({ e, d: Math.min(distance(q, e.meta.id), distance(q, slugOf(e))) }))
    .sort((a, b) => a.d - b.d);
  return { kind: 'unknown', closest: scored.slice(0, 3).map((s) => s.e) };
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
