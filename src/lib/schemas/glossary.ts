import { z } from 'zod';
import { moduleSchema } from './exercise.ts';

/** One glossary entry: src/content/glossary/<slug>.md, the longer explanation in the body. */
export const glossarySchema = z
  .object({
    /** The term as it is written in prose, e.g. "microtask queue". */
    term: z.string().min(2),
    /** One line, shown in popovers and lists. */
    definition: z.string().min(10).max(200),
    /** The nearest Python idea, e.g. "asyncio's ready queue (loop.call_soon)". */
    python: z.string().min(2),
    /** The module where the term is taught first. */
    module: moduleSchema,
    /** Slugs of related glossary entries. */
    related: z.array(z.string()).default([]),
    /** Lesson ids (`<module>/<lesson>`) that use the term. */
    lessons: z.array(z.string()).default([]),
  })
  .strict();
