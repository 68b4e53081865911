// The one interface every sandbox runtime implements: the page's own Web Worker (browser-runtime.ts), WebContainer
// in the browser, local Node through the dev/preview server's grading endpoint. The UI knows only this file.
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
    /**
     * Learner files the grader runs in worker threads (exercise.json's `threadFiles`), compiled before the tests
     * start. Required, so that no way of building a request can drop it (one did: every thread test then failed).
     */
    threadFiles: string[];
  };
  /** Text of grader.test.ts. */
  grader: string;
  /** Support files by path inside support/. */
  support: FileMap;
  /** The learner's code by learner file name. */
  subject: FileMap;
}

/** What the sandbox payload (or the probe's plan) carries of an exercise, for gradeRequest. */
export interface GradedExercise {
  id: string;
  files: string[];
  timeLimitMs: number;
  testTimeoutMs: number;
  threadFiles: string[];
  grader: string;
  support: FileMap;
}

/** The one way the pages build a request: the exercise as the payload describes it, with the code to grade. */
export function gradeRequest(exercise: GradedExercise, subject: FileMap): GradeRequest {
  const { id, files, timeLimitMs, testTimeoutMs, threadFiles, grader, support } = exercise;
  return { exercise: { id, files, timeLimitMs, testTimeoutMs, threadFiles }, grader, support, subject };
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
  /** Where the code runs: this page's own Web Worker, StackBlitz's WebContainer, or Node on the serving machine. */
  readonly kind: 'browser' | 'webcontainer' | 'local-node';
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
  | 'exercise-unsupported'
  /** The learner's code uses a Node API, so the in-page runtime hands it to Node (WebContainer or local). */
  | 'needs-node';

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
