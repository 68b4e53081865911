// The CLI's own record of the learner's progress, in the git-ignored workspace: workspace/progress.json.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Verdict } from '../src/lib/schemas/report.ts';

const progressSchema = z.object({
  version: z.literal(1),
  exercises: z.record(
    z.string(),
    z.object({
      status: z.enum(['attempted', 'passed']),
      lastVerdict: z.enum(['pass', 'fail', 'timeout', 'error']).optional(),
      hintsShown: z.number().int().min(0).default(0),
      /** Which hints were revealed, by index in hints.md, in the order they were shown (absent in older files). */
      hintsSeen: z.array(z.number().int().min(0)).optional(),
      /** The first failing task of the latest run: `--hint` shows that task's hints first. */
      failingTask: z.number().int().min(1).optional(),
      updatedAt: z.string(),
    }),
  ),
});
export type Progress = z.infer<typeof progressSchema>;
export type ExerciseStatus = 'not started' | 'attempted' | 'passed';

export function readProgress(path: string): { progress: Progress; problem?: string } {
  const empty: Progress = { version: 1, exercises: {} };
  if (!existsSync(path)) return { progress: empty };
  try {
    return { progress: progressSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) };
  } catch (error) {
    // Never overwrite what we cannot read: keep a copy beside it and start afresh.
    const backup = `${path}.unreadable-${Date.now()}`;
    renameSync(path, backup);
    return { progress: empty, problem: `${path} could not be read (${(error as Error).message.split('\n')[0]}); it was kept as ${backup}` };
  }
}

export function writeProgress(path: string, progress: Progress): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(progress, null, 2) + '\n');
  renameSync(temp, path);
}

export function statusOf(progress: Progress, id: string): ExerciseStatus {
  return progress.exercises[id]?.status ?? 'not started';
}

export function recordVerdict(progress: Progress, id: string, verdict: Verdict, failingTask?: number): Progress {
  const previous = progress.exercises[id];
  const status = verdict === 'pass' || previous?.status === 'passed' ? 'passed' : 'attempted';
  const { failingTask: _old, ...rest } = previous ?? { hintsShown: 0 };
  return {
    ...progress,
    exercises: {
      ...progress.exercises,
      [id]: { ...rest, status, lastVerdict: verdict, ...(failingTask ? { failingTask } : {}), updatedAt: new Date().toISOString() },
    },
  };
}

/** Records the hints revealed so far (indices in the order shown). */
export function recordHint(progress: Progress, id: string, seen: number[]): Progress {
  const previous = progress.exercises[id];
  return {
    ...progress,
    exercises: {
      ...progress.exercises,
      [id]: { ...previous, status: previous?.status ?? 'attempted', hintsShown: seen.length, hintsSeen: seen, updatedAt: new Date().toISOString() },
    },
  };
}
