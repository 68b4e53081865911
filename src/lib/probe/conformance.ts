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
                differences: z.array(z.string()),
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

/** How two gradings of the same code differ: verdict, then each test by name. Empty when they agree. */
export function reportDifferences(node: GradeSummary, webcontainer: GradeSummary): string[] {
  const differences: string[] = [];
  if (node.verdict !== webcontainer.verdict) differences.push(`verdict: Node ${node.verdict}, WebContainer ${webcontainer.verdict}`);
  const ours = keyed(node.tests);
  const theirs = keyed(webcontainer.tests);
  for (const [key, status] of ours) {
    const other = theirs.get(key);
    if (other === undefined) differences.push(`${key}: Node ${status}, WebContainer did not report it`);
    else if (other !== status) differences.push(`${key}: Node ${status}, WebContainer ${other}`);
  }
  for (const [key, status] of theirs) {
    if (!ours.has(key)) differences.push(`${key}: WebContainer ${status}, Node did not report it`);
  }
  return differences;
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
