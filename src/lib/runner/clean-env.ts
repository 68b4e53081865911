// Vitest puts DEV, PROD, MODE, BASE_URL, NODE_ENV=test and VITEST_* into process.env. A tool spawned from a test
// (astro build, a grading run) would inherit them and change behaviour: Astro builds as if in development.
const LEAKED = /^(VITEST.*|DEV|PROD|MODE|BASE_URL|SSR|TEST|NODE_ENV)$/;

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!LEAKED.test(key)) env[key] = value;
  return { ...env, ...extra };
}
