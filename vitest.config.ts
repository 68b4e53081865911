import { defineConfig } from 'vitest/config';

// The project's own tests (not the exercise graders, which the runner runs in their own workspaces).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    // Many tests spawn Node and Vitest; limits here are generous because the machine may be loaded.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
