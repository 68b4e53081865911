import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';

// `npm ci` (what CI and a careful learner run) refuses a lockfile that lacks any optional dependency.
test('package-lock.json lists every optional dependency, so `npm ci` accepts it', () => {
  const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>;
  };
  const missing: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!lock.packages[`${key}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`]) missing.push(`${name} (of ${key || 'the project'})`);
    }
  }
  expect(missing, 'run `node scripts/complete-lockfile.mjs` after npm install').toEqual([]);
});
