// What the WebContainer probe records (docs/webcontainer-conformance.json) and what the course derives from it.
// The probe page grades every variant of an exercise in WebContainer and compares each report with the one local
// Node gave the same code; once a maintainer has committed a recording, whether the sandbox lets WebContainer grade
// an exercise follows from it instead of from the hand-set `webContainerUnsupported` of exercise.json.
import { z } from 'zod';
import type { GradeReport } from '../schemas/report.ts';

export const CONFORMANCE_FILE = 'docs/webcontainer-conformance.json';

const gradeSummarySchema = z
  .object({
    verdict: z.enum(['pass', 'fail', 'timeout', 'error']),
    /** Each test's task, name and status; messages are left out (paths and timings differ between runtimes). */
    tests: z.array(z.object({ task: z.number().int().min(1).optional(), name: z.string(), status: z.enum(['pass', 'fail', 'skip']) }).strict()),
  })
  .strict();
export type GradeSummary = z.infer<typeof gradeSummarySchema>;

export const conformanceSchema = z
  .object({
    /** ISO date and time of the recording. */
    recordedAt: z.string().min(10),
    /** navigator.userAgent of the browser the probe ran in. */
    browser: z.string().min(1),
    /** A short name for the browser, e.g. "Chrome 142". */
    browserName: z.string().min(1),
    /** Versions: @webcontainer/api, the Node inside WebContainer, the local Node the reports were compared with. */
    versions: z.object({ webcontainerApi: z.string(), webcontainerNode: z.string(), localNode: z.string() }).strict(),
    checks: z.array(
      z
        .object({ id: z.string(), ok: z.boolean(), expected: z.array(z.string()), actual: z.array(z.string()) })
        .strict(),
    ),
    exercises: z.array(
      z
        .object({
          id: z.string(),
          variants: z.array(
            z
              .object({
                label: z.string(),
                mustPass: z.boolean(),
                node: gradeSummarySchema,
                webcontainer: gradeSummarySchema,
                /** Where WebContainer's report differs from Node's: each one counts against the exercise. */
                differences: z.array(z.string()),
                /**
                 * Differences in tests whose status also changed between Node's own gradings of the same code (a race
                 * a wrong solution loses only sometimes): shown, but not held against WebContainer.
                 */
                unsteady: z.array(z.string()),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type Conformance = z.infer<typeof conformanceSchema>;
export type ExerciseConformance = Conformance['exercises'][number];

export function summarize(report: GradeReport): GradeSummary {
  return { verdict: report.verdict, tests: report.tests.map((t) => ({ ...(t.task ? { task: t.task } : {}), name: t.name, status: t.status })) };
}

/** Each test by a key a learner can read: its task and name, and which of that name when a name repeats. */
function keyed(tests: GradeSummary['tests']): Map<string, GradeSummary['tests'][number]['status']> {
  const seen = new Map<string, number>();
  const keys = new Map<string, GradeSummary['tests'][number]['status']>();
  for (const test of tests) {
    const base = `${test.task ? `task ${test.task}: ` : ''}"${test.name}"`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys.set(n === 1 ? base : `${base} (${n})`, test.status);
  }
  return keys;
}

/**
 * How WebContainer's grading of some code differs from Node's: verdict, then each test by task and name. Empty when
 * they agree. `nodeAgain` are further Node gradings of the same code: a test whose status changes between Node's
 * own runs is unsteady, and a difference in it goes to `unsteady` instead of `differences`.
 */
export function reportDifferences(node: GradeSummary, webcontainer: GradeSummary, nodeAgain: GradeSummary[] = []): { differences: string[]; unsteady: string[] } {
  const differences: string[] = [];
  const unsteady: string[] = [];
  const ours = keyed(node.tests);
  const theirs = keyed(webcontainer.tests);
  const again = nodeAgain.map((run) => keyed(run.tests));
  const steady = (key: string, status: string) => again.every((run) => run.get(key) === status);
  const note = (key: string, text: string, status: string | undefined) => (status === undefined || steady(key, status) ? differences : unsteady).push(text);
  if (node.verdict !== webcontainer.verdict) {
    (nodeAgain.every((run) => run.verdict === node.verdict) ? differences : unsteady).push(`verdict: Node ${node.verdict}, WebContainer ${webcontainer.verdict}`);
  }
  for (const [key, status] of ours) {
    const other = theirs.get(key);
    if (other === undefined) note(key, `${key}: Node ${status}, WebContainer did not report it`, status);
    else if (other !== status) note(key, `${key}: Node ${status}, WebContainer ${other}`, status);
  }
  for (const [key, status] of theirs) {
    if (!ours.has(key)) differences.push(`${key}: WebContainer ${status}, Node did not report it`);
  }
  return { differences, unsteady };
}

/** Reads a recording, naming the file and the first field that is wrong. */
export function parseConformance(text: string, file = CONFORMANCE_FILE): Conformance {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = conformanceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Why WebContainer must not grade an exercise, or undefined when it may.
 * Without a recording, or for an exercise the recording did not grade, the hand-set flag stands. An exercise the
 * recording graded is allowed exactly when every variant got the same verdict and test statuses as on Node.
 */
export function webContainerUnsupported(id: string, handSet: string | undefined, conformance: Conformance | undefined): string | undefined {
  const recorded = conformance?.exercises.find((e) => e.id === id);
  if (!conformance || !recorded || recorded.variants.length === 0) return handSet;
  const differing = recorded.variants.filter((v) => v.differences.length > 0);
  if (differing.length === 0) return undefined;
  const first = differing[0]!;
  return (
    `In ${conformance.browserName} on ${conformance.recordedAt.slice(0, 10)}, WebContainer graded ${differing.length} of ` +
    `${recorded.variants.length} versions of this exercise differently from Node (${first.label}: ${first.differences[0]}); ` +
    `see ${CONFORMANCE_FILE}.`
  );
}
