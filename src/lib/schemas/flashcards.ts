import { z } from 'zod';
import { moduleSchema } from './exercise.ts';

/** One card. A "predict the output" card has `code` plus `runnable`; the tests run the code and compare. */
export const flashcardSchema = z
  .object({
    /** Stable id within the deck (kebab-case); the learner's schedule is stored under it. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case card id'),
    front: z.string().min(3),
    back: z.string().min(1),
    /** Code shown on the front. */
    code: z.string().optional(),
    /** Module type the code runs as, when the back states its output (`back` is then the exact output). */
    runnable: z.enum(['esm', 'cjs']).optional(),
    tags: z.array(z.string()).default([]),
    /** Lesson id the card comes from. */
    lesson: z.string(),
  })
  .strict();

/** src/content/flashcards/<module>.json: one deck per module. */
export const deckSchema = z
  .object({
    module: moduleSchema,
    title: z.string(),
    cards: z.array(flashcardSchema).min(1),
  })
  .strict();
