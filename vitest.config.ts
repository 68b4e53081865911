import { defineConfig } from 'vitest/config';

// The project's own tests (not the exercise graders, which the runner runs in their own workspaces).
export default defineConfig({
  test: {
    // Many tests spawn Node and Vitest; limits here are generous because the machine may be loaded.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    pool: 'forks',
    // Three files at a time on 2 cores: most tests wait on child processes, timers or the browser (a run with two
    // used about 1.3 cores on average), and graders no longer depend on the machine's load.
    maxWorkers: 3,
    // Concurrent tests (samples, batches of gradings) mostly wait on child processes.
    maxConcurrency: 10,
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
