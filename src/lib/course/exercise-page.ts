import type { ExerciseMeta } from '../schemas/exercise.ts';

/** The commands a learner runs to grade this exercise locally, shown on its page. */
export function localGradeCommands(meta: ExerciseMeta): { command: string; what: string }[] {
  return [
    { command: `npm run grade -- ${meta.id}`, what: `grade your copy (created in workspace/${meta.id}/ on first use)` },
    { command: `npm run grade -- ${meta.id} --watch`, what: 're-grade every time you save' },
    { command: `npm run grade -- ${meta.id} --hint`, what: 'show the next hint' },
  ];
}

export const DIFFICULTY_LABEL = { easy: 'Easy', medium: 'Medium', hard: 'Hard' } as const;
