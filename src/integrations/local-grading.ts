// Adds the local-Node grading endpoint to `astro dev`. `npm run preview` gets it from scripts/preview.ts,
// because Astro's static preview server does not run integrations' Vite plugins.
import type { AstroIntegration } from 'astro';
import { gradingMiddleware } from '../lib/runner/grading-endpoint.ts';

export function localGrading(): AstroIntegration {
  return {
    name: 'concurrent-typescript:local-grading',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(gradingMiddleware());
      },
    },
  };
}
