// axe-core on every kind of page, in light and in dark mode: no violations.
import { expect, test } from 'vitest';
import { createRequire } from 'node:module';

import { openSandbox, useSite } from './browser.ts';
import { loadContent, lessonPathWith } from '../../src/lib/content/load.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SANDBOX_LESSON = lessonPathWith('<Sandbox exercise="event-loop/yield-to-the-loop"');
const PAGES = [
  ['home', '/'],
  ['lesson with a sandbox', SANDBOX_LESSON],
  // Every lesson with diagrams (src/components/diagrams/) or steppers (LoopTrace), found in the MDX.
  ...loadContent()
    .lessons.filter((l) => /components\/diagrams\/|<LoopTrace /.test(l.text) && `/${l.id}/` !== SANDBOX_LESSON)
    .map((l) => [`lesson ${l.id}`, `/${l.id}/`] as const),
  ['exercise', '/exercises/event-loop/yield-to-the-loop/'],
  ['glossary', '/glossary/'],
  ['glossary entry', '/glossary/microtask-queue/'],
  ['review', '/review/'],
  ['dashboard', '/progress/'],
] as const;

const env = useSite('preview');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

// One visit per page, checked in light mode, then switched to dark as the theme picker does (the data-theme
// attribute and the stored choice) and checked again: each page's colours are tried in both themes.
test.each(PAGES)('the %s page has no axe violations, in light mode and in dark mode', async (_kind, path) => {
  const context = await env.browser.newContext();
  // Starlight reads the theme from localStorage before first paint.
  await context.addInitScript(() => localStorage.getItem('starlight-theme') ?? localStorage.setItem('starlight-theme', 'light'));
  const page = await context.newPage();
  const response = await page.goto(env.site.url + path, { waitUntil: 'networkidle' });
  expect(response?.status(), `${path} exists`).toBe(200);
  // Open the lazily loaded widgets too: a learner meets them.
  const sandbox = page.locator('ct-sandbox');
  if (await sandbox.count()) {
    await openSandbox(page);
  }
  await page.addScriptTag({ path: AXE });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (t) => {
      localStorage.setItem('starlight-theme', t);
      document.documentElement.dataset.theme = t;
      // Colours that transition (the stepper's highlight) are judged once they have arrived, not half-way.
      await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
    }, theme);
    expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
    });
    expect(violations, `${theme} mode: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }
  await context.close();
});
