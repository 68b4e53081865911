// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { fileURLToPath } from 'node:url';
import { buildSidebar } from './src/lib/course/sidebar.ts';
import { listExercises } from './src/lib/exercises/load.ts';
import { ISOLATION_HEADERS } from './src/lib/course/headers.ts';
import { localGrading } from './src/integrations/local-grading.ts';
import { predictOutput } from './src/plugins/predict-output.ts';

const docsRoot = fileURLToPath(new URL('./src/content/docs/', import.meta.url));

export default defineConfig({
  site: 'https://concurrent-typescript.example',
  // Astro's dev toolbar ships its own scripts and would count against the page budget in dev.
  devToolbar: { enabled: false },
  // Every page cross-origin isolated, as WebContainer needs (dev; preview sets them in scripts/preview.ts).
  server: { headers: ISOLATION_HEADERS },
  vite: {
    // Pre-bundled at dev-server start: discovered later, Vite would reload the page the learner is typing in.
    optimizeDeps: {
      include: [
        'codemirror',
        '@codemirror/state',
        '@codemirror/view',
        '@codemirror/lang-javascript',
        '@codemirror/merge',
        '@webcontainer/api',
        // The editor's TypeScript (src/components/sandbox/typescript.ts) and its worker.
        '@codemirror/lint',
        '@codemirror/autocomplete',
        '@valtown/codemirror-ts',
        '@valtown/codemirror-ts/worker',
        '@typescript/vfs',
        'comlink',
        'typescript',
        // The in-page grading worker (src/lib/sandbox/browser-worker.ts): Vitest's browser-safe parts and the tools
        // that load the learner's modules. Listed so the dev server does not discover them at the first Run and reload.
        'vitest',
        'vitest/internal/browser',
        'sucrase',
        'es-module-lexer',
      ],
    },
  },
  integrations: [
    localGrading(),
    // Each runnable sample's output, hidden in a disclosure the learner may open after predicting it.
    predictOutput(),
    starlight({
      title: 'Concurrent TypeScript',
      description: 'Concurrency in TypeScript and Node.js, taught beside its Python counterpart, with graded exercises.',
      sidebar: buildSidebar(docsRoot, listExercises().map((e) => e.meta)),
      lastUpdated: false,
      pagination: true,
      customCss: ['./src/styles/course.css'],
      // Long lines wrap instead of scrolling sideways: easier on phones, and no scrolling regions to tab through.
      expressiveCode: { defaultProps: { wrap: true } },
      components: {
        // Lessons get the Listen control and are marked read at their end.
        PageTitle: './src/components/overrides/PageTitle.astro',
        // Fixes the search button's accessible name (WCAG 2.5.3); see the file.
        Search: './src/components/overrides/Search.astro',
      },
    }),
  ],
});
