// `npm run preview`: serves the built site like `astro preview`, plus what the sandbox needs locally: the
// cross-origin isolation headers and the local-Node grading endpoint. Astro's own static preview server drops
// user Vite plugins, so we start Vite's preview server ourselves. Usage: node scripts/preview.ts [--port N] [--host H]
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview, type Plugin } from 'vite';
import { ISOLATION_HEADERS } from '../src/lib/course/headers.ts';
import { gradingMiddleware } from '../src/lib/runner/grading-endpoint.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4321' }, host: { type: 'string', default: 'localhost' } } });
const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(outDir)) {
  console.error('No build to preview: run `npm run build` first.');
  process.exit(1);
}

const localGrading: Plugin = {
  name: 'concurrent-typescript:local-grading-preview',
  configurePreviewServer(server) {
    server.middlewares.use(gradingMiddleware());
  },
};

const server = await preview({
  configFile: false,
  root,
  appType: 'mpa',
  build: { outDir },
  preview: { port: Number(values.port), host: values.host, strictPort: true, headers: { ...ISOLATION_HEADERS } },
  plugins: [localGrading],
  logLevel: 'warn',
});
console.log(`Previewing the built course at ${server.resolvedUrls?.local[0] ?? `http://${values.host}:${values.port}/`}`);
