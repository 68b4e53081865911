// What the probe page receives from `npm run probe:webcontainer`: the conformance checks, and for every exercise
// the grading request (grader, support files, limits) with each variant's code and the verdict it must get.
import type { GradedExercise } from '../sandbox/runtime.ts';
import type { FileMap } from '../grading/workspace.ts';
import type { ConformanceCheck } from './checks.ts';

export interface PlanExercise {
  id: string;
  title: string;
  /** The hand-set exercise.json `webContainerUnsupported`, if any: such exercises are graded only on request. */
  flagged?: string;
  /** What the sandbox payload carries for grading: gradeRequest() adds each variant's code. */
  graded: GradedExercise;
  variants: { label: string; mustPass: boolean; files: FileMap }[];
}

export interface ProbePlan {
  /** `webcontainer`: the real API (needs internet); `local`: local Node behind the same interface (tests). */
  mode: 'webcontainer' | 'local';
  apiKey?: string;
  snapshotUrl: string;
  /** sha256 of the unpacked snapshot (runtime.json): the download is checked against it. */
  snapshotSha256: string;
  versions: { webcontainerApi: string; localNode: string };
  checks: ConformanceCheck[];
  exercises: PlanExercise[];
}

export const PLAN_PATH = '/probe/plan.json';
/** POST {id}: the local Node reports of every variant of that exercise, by label; {id, label, runs}: more of one. */
export const LOCAL_REPORTS_PATH = '/probe/local-reports';
/** Where the local stand-in for WebContainer answers (src/lib/probe/local-container.ts), in `--container local` mode. */
export const LOCAL_CONTAINER_PATH = '/__local-container';
