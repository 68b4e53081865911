import { defineConfig } from 'vitest/config';

// The project's own tests (not the exercise graders, which the runner runs in their own workspaces).
export default defineConfig({
  test: {
    // Many tests spawn Node and Vitest; limits here are generous because the machine may be loaded.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    pool: 'forks',
    // Two files at a time: a third made the machine so busy that the dev server of an end-to-end test did not
    // start in time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'checks', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**'] },
      },
      {
        extends: true,
        // The site is built once for every end-to-end file; each file serves it on its own port.
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['./tests/e2e/global-setup.ts'] },
      },
    ],
  },
});
