import { z } from 'zod';

/**
 * `pass`: every grader test passed. `fail`: the learner's code is wrong, does not load, or crashed.
 * `timeout`: the learner's code hung (a test timed out or the wall-clock limit killed the run).
 * `error`: our fault, never the learner's: the grader is missing or the test tools failed to start.
 */
export const verdictSchema = z.enum(['pass', 'fail', 'timeout', 'error']);
export type Verdict = z.infer<typeof verdictSchema>;

export const testResultSchema = z
  .object({
    /** The test's name as the learner reads it. */
    name: z.string(),
    /** The numbered task (from `## N.` in instructions.md and `describe('N. ...')` in the grader). */
    task: z.number().int().min(1).optional(),
    status: z.enum(['pass', 'fail', 'skip']),
    /** Why it failed: what was expected and what happened. */
    message: z.string().optional(),
  })
  .strict();
export type TestResult = z.infer<typeof testResultSchema>;

/** One report type for the CLI, the tests and the browser sandbox. `--json` prints exactly this. */
export const gradeReportSchema = z
  .object({
    /** Exercise id, e.g. "event-loop/order-of-output". */
    exercise: z.string(),
    verdict: verdictSchema,
    tests: z.array(testResultSchema),
    durationMs: z.number().min(0),
    /**
     * Said once, before the tests: today only that the learner's code still throws a starter's "TODO:" (the
     * function is not implemented yet), naming the function and the first task it blocks.
     */
    notice: z.string().optional(),
    /** A bounded tail of what the learner's code printed. */
    output: z.string().optional(),
  })
  .strict();
export type GradeReport = z.infer<typeof gradeReportSchema>;
