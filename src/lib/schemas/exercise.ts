import { z } from 'zod';

/** Module slugs, in course order. An exercise's `module` and a lesson's `module` must be one of these. */
export const MODULES = [
  'why-concurrency',
  'event-loop',
  'promises',
  'async-iteration',
  'threads',
  'gil-analogue',
  'shutdown',
  'debugging',
] as const;
export const moduleSchema = z.enum(MODULES);
export type ModuleSlug = z.infer<typeof moduleSchema>;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case slug such as "order-of-output"');

/** A file the learner edits: a plain relative name such as `order.ts`, never a path that leaves the exercise. */
const learnerFile = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\.(ts|mts)$/, 'expected a kebab-case TypeScript file name such as "order.ts"');

/** `exercises/<module>/<slug>/exercise.json`: everything about an exercise except its prose and code. */
export const exerciseSchema = z
  .object({
    /** `<module>/<slug>`, equal to the exercise's folder below `exercises/`. */
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected "<module>/<slug>", e.g. "event-loop/order-of-output"'),
    /** Title shown in the sidebar, the CLI list and the sandbox. */
    title: z.string().min(3),
    /** One sentence saying what the learner builds; shown in lists and on the exercise page. */
    summary: z.string().min(10),
    /** The module the exercise belongs to; equal to the first folder of its path. */
    module: moduleSchema,
    /** Position within the module, from 1: easy exercises first. */
    order: z.number().int().min(1),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    /** Glossary slugs of the ideas the exercise practises. */
    concepts: z.array(slug).min(1),
    /** The files the learner edits, present in `starter/` and `solution/`. The first is opened first. */
    files: z.array(learnerFile).min(1),
    /**
     * Learner files that the grader also runs inside worker threads (a subset of `files`). A thread is outside
     * Vitest's transform and Node 20 cannot load TypeScript, so each is compiled to JavaScript once per grading run,
     * before the tests start, as `subject/.threads/<name>.mjs` (see src/lib/grading/in-vitest/thread-files.ts).
     */
    threadFiles: z.array(learnerFile).default([]),
    /** Hard wall-clock limit for grading the whole exercise; the runner kills the run after it. */
    timeLimitMs: z.number().int().min(1000).max(60000).default(10000),
    /** Limit for one grader test; a promise that never settles fails that test after it. */
    testTimeoutMs: z.number().int().min(100).max(30000).default(3000),
    /**
     * Set when the browser sandbox cannot grade the exercise truthfully because WebContainer's Node lacks what it
     * needs: say what and why (with the upstream issue). The sandbox then does not boot WebContainer for it; it
     * says so at once; where local Node serves the page it grades there, elsewhere the page gives `npm run grade`.
     */
    webContainerUnsupported: z.string().min(20).optional(),
    /** The Python idea the exercise translates. */
    python: z.object({
      /** The Python name, e.g. "asyncio.gather". */
      concept: z.string().min(2),
      /** One or two sentences on how the two compare. */
      note: z.string().min(10),
    }),
  })
  .strict()
  .superRefine((meta, context) => {
    meta.threadFiles.forEach((name, i) => {
      if (!meta.files.includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['threadFiles', i],
          message: `"${name}" is not one of the learner files in "files" (${meta.files.join(', ')}); only those can run in threads`,
        });
      }
    });
  });

export type ExerciseMeta = z.infer<typeof exerciseSchema>;
export type ExerciseMetaInput = z.input<typeof exerciseSchema>;

/** Turns zod issues into lines that name the file and the field, e.g. `exercise.json: files[0]: expected ...`. */
export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? formatPath(issue.path) : '(top level)';
    return `${file}: ${field}: ${issue.message}`;
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
