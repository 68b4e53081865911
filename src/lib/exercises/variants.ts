// The code variants every exercise ships, each with the verdict it must get: the reference and every alternative
// correct solution (alt/) pass, the starter and every wrong solution fail. Shared by the exercise tests and `npm run check-exercise`.
import { join } from 'node:path';
import { listAltSolutions, listWrongSolutions, readSubjectDir, type Exercise } from './load.ts';
import type { FileMap } from '../grading/workspace.ts';

export interface Variant {
  /** `solution`, `alt/<approach>`, `starter` or `wrong/<mistake>`. */
  label: string;
  files: FileMap;
  mustPass: boolean;
}

export function variantsOf(exercise: Exercise): Variant[] {
  return [
    { label: 'solution', files: readSubjectDir(exercise, join(exercise.dir, 'solution')), mustPass: true },
    ...listAltSolutions(exercise).map((a) => ({ label: `alt/${a.name}`, files: a.files, mustPass: true })),
    { label: 'starter', files: readSubjectDir(exercise, join(exercise.dir, 'starter')), mustPass: false },
    ...listWrongSolutions(exercise).map((w) => ({ label: `wrong/${w.name}`, files: w.files, mustPass: false })),
  ];
}
