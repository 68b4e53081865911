import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { exerciseSchema } from './lib/schemas/exercise.ts';
import { lessonFields } from './lib/schemas/lesson.ts';
import { glossarySchema } from './lib/schemas/glossary.ts';
import { deckSchema } from './lib/schemas/flashcards.ts';

export const collections = {
  /** Lessons: Starlight's docs collection, one MDX per lesson in src/content/docs/<module>/. */
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: lessonFields }) }),
  /** Exercise metadata, loaded from exercises/<module>/<slug>/exercise.json; the id is `<module>/<slug>`. */
  exercises: defineCollection({
    loader: glob({
      pattern: '*/*/exercise.json',
      base: './exercises',
      generateId: ({ entry }) => entry.replace(/\/exercise\.json$/, ''),
    }),
    schema: exerciseSchema,
  }),
  /** Each exercise's instructions.md and hints.md; ids like `event-loop/predict-the-order/hints`. */
  exerciseText: defineCollection({
    loader: glob({
      pattern: '*/*/{instructions,hints}.md',
      base: './exercises',
      generateId: ({ entry }) => entry.replace(/\.md$/, ''),
    }),
  }),
  glossary: defineCollection({ loader: glob({ pattern: '*.md', base: './src/content/glossary' }), schema: glossarySchema }),
  flashcards: defineCollection({ loader: glob({ pattern: '*.json', base: './src/content/flashcards' }), schema: deckSchema }),
};
