// The one interface every sandbox runtime implements: WebContainer in the browser, local Node through the
// dev/preview server's grading endpoint. The UI knows only this file.
import type { GradeReport } from '../schemas/report.ts';
import type { FileMap } from '../grading/workspace.ts';

/** What an exercise needs to be graded anywhere: its hidden grader, support files and the learner's code. */
export interface GradeRequest {
  exercise: {
    id: string;
    /** The learner files, in order. */
    files: string[];
    timeLimitMs: number;
    testTimeoutMs: number;
  };
  /** Text of grader.test.ts. */
  grader: string;
  /** Support files by path inside support/. */
  support: FileMap;
  /** The learner's code by learner file name. */
  subject: FileMap;
}

/** A step the learner sees while the environment starts or works: never a silent wait. */
export interface SandboxStep {
  step: 'checking' | 'starting' | 'preparing' | 'running' | 'restarting';
  /** Human text, e.g. "Preparing test tools (12 MB)". */
  label: string;
  /** 0..1 where known. */
  progress?: number;
}
export type OnStep = (step: SandboxStep) => void;

export interface SandboxRuntime {
  readonly kind: 'webcontainer' | 'local-node';
  /** Starts the environment and prepares the test tools once per page; later calls reuse it. */
  prepare(onStep: OnStep): Promise<void>;
  /** Grades one request; the report has the same shape as the CLI's. */
  grade(request: GradeRequest, onStep: OnStep, signal?: AbortSignal): Promise<GradeReport>;
}

/** Which check failed when a runtime cannot start, and what the learner can do about it. */
export type UnavailableReason =
  | 'secure-context'
  | 'cross-origin-isolated'
  | 'shared-array-buffer'
  | 'webassembly'
  | 'atomics-wait-async'
  | 'boot-timeout'
  | 'boot-failed'
  | 'smoke-test'
  | 'prepare-failed'
  | 'no-local-server'
  | 'exercise-unsupported';

export class RuntimeUnavailable extends Error {
  override name = 'RuntimeUnavailable';
  readonly reason: UnavailableReason;
  /** What to do: a supported browser, the network, or grading locally. */
  readonly advice: string;
  constructor(reason: UnavailableReason, message: string, advice: string) {
    super(message);
    this.reason = reason;
    this.advice = advice;
  }
}
