// Drives the in-page runtime (src/lib/sandbox/browser-runtime.ts) in headless Chromium (Debian's, through
// playwright-core), outside the site: the worker and the runtime are bundled here with esbuild and served from a
// temporary folder, and `grade` hands a request to the page and returns its report. The parity and hostile-code
// tests (tests/browser-runtime/) and the stress check's in-page pass grade through it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { GradeRequest } from '../sandbox/runtime.ts';
import type { GradeReport } from '../schemas/report.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAGE_ENTRY = `
import { createBrowserRuntime } from ${JSON.stringify(join(ROOT, 'src/lib/sandbox/browser-runtime.ts'))};
const runtime = createBrowserRuntime({ createWorker: () => new Worker('/worker.js', { type: 'module' }) });
window.ctGrade = async (request) => {
  try {
    return { report: await runtime.grade(request, () => {}) };
  } catch (error) {
    return { error: { name: error.name, reason: error.reason, message: error.message } };
  }
};
window.ctPrepare = () => runtime.prepare(() => {});
`;

export interface Harness {
  page: Page;
  /** The report, or the reason the runtime declined (RuntimeUnavailable). */
  grade(request: GradeRequest): Promise<{ report?: GradeReport; error?: { name: string; reason?: string; message: string } }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-browser-runtime-'));
  writeFileSync(join(dir, 'entry.js'), PAGE_ENTRY);
  await build({
    entryPoints: { worker: join(ROOT, 'src/lib/sandbox/browser-worker.ts'), page: join(dir, 'entry.js') },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>browser runtime</title><script type="module" src="/page.js"></script>');
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0] === '/' ? 'index.html' : (request.url ?? '').slice(1).split('?')[0]!;
    try {
      const body = readFileSync(join(dir, name));
      response.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html' : 'text/javascript' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'ctGrade' in window);
  await page.evaluate(() => (window as unknown as { ctPrepare: () => Promise<void> }).ctPrepare());
  return {
    page,
    grade: (request) => page.evaluate((r) => (window as unknown as { ctGrade: (r: GradeRequest) => Promise<never> }).ctGrade(r), request),
    async close() {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
