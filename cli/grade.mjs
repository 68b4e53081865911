// `npm run grade -- <exercise> [options]`. A learner waits for this after every save, so start-up counts: the
// CLI (cli/main.ts and what it imports) runs from one bundled module cached in node_modules/.cache, rebuilt with
// esbuild whenever a source file is newer, and Node's compile cache keeps it compiled between runs. This halves
// start-up compared with Node stripping the types of each TypeScript module on every run (see `npm run bench`).
import { enableCompileCache } from 'node:module';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

enableCompileCache?.();
const root = fileURLToPath(new URL('../', import.meta.url));
const cacheDir = join(root, 'node_modules/.cache/concurrent-typescript');
const bundle = join(cacheDir, 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () => Math.max(newestSource(join(root, 'cli')), newestSource(join(root, 'src/lib'))) > statSync(bundle).mtimeMs;
if (!existsSync(bundle) || sourcesChanged()) {
  const { buildSync } = await import('esbuild');
  const result = buildSync({
    entryPoints: [join(root, 'cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    // Bundled CommonJS dependencies may call require(); give them one.
    banner: { js: "import { createRequire as __ctRequire } from 'node:module'; const require = __ctRequire(import.meta.url);" },
    logLevel: 'error',
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: several graders may start at once, and none may read half a file.
  const temp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, bundle);
}

const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
