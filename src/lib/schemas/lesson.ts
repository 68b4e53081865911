import { z } from 'zod';
import { moduleSchema } from './exercise.ts';

/** Frontmatter a lesson adds to Starlight's docs schema. */
export const lessonFields = z.object({
  /** The module the lesson belongs to; equal to the lesson's folder under src/content/docs/. */
  module: moduleSchema.optional(),
  /** Exercise ids (`<module>/<slug>`) the lesson practises; each must exist and the lesson must link to it. */
  exercises: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected an exercise id such as "event-loop/predict-the-order"')).default([]),
  /** Glossary slugs of the terms the lesson teaches. */
  terms: z.array(z.string()).default([]),
});
