// Byte budgets, which do not vary from run to run (timings belong to `npm run bench`): the JavaScript a page
// loads before the learner interacts with it. DESIGN.md: a lesson page <= 40 KB gzip (TutorialKit's: 428 KB).
import { expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';

import { useSite } from './browser.ts';
import { largestLessonPath, lessonPathWith } from '../../src/lib/content/load.ts';

const BUDGET_GZIP = 40 * 1024;

const env = useSite('preview');

/** Every script the page fetched by the time the network went idle, with its gzip size (level 9). */
async function scriptsBeforeInteraction(path: string): Promise<{ url: string; gzip: number }[]> {
  const page = await env.browser.newPage();
  const scripts: Promise<{ url: string; gzip: number }>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length })));
  };
  page.on('response', onResponse);
  await page.goto(env.site.url + path, { waitUntil: 'networkidle' });
  // Inline scripts that run: data blocks (type="application/json") are not JavaScript.
  const inline = await page
    .locator('script:not([src])')
    .evaluateAll((els) => els.filter((e) => ['', 'module', 'text/javascript'].includes((e.getAttribute('type') ?? '').trim())).map((e) => e.textContent ?? ''));
  // Stop listening first: a body asked for after the page closed rejected, unhandled, in one run.
  page.off('response', onResponse);
  const all = await Promise.all(scripts);
  await page.close();
  return [...all, ...inline.map((text, i) => ({ url: `(inline script ${i + 1})`, gzip: gzipSync(text, { level: 9 }).length }))];
}

test.each([
  ['a lesson page with a sandbox', lessonPathWith('<Sandbox exercise="event-loop/yield-to-the-loop"')],
  ['the longest lesson page', largestLessonPath()],
  ['an exercise page', '/exercises/event-loop/yield-to-the-loop/'],
  ['the glossary page', '/glossary/'],
  ['the review page', '/review/'],
  ['the dashboard', '/progress/'],
  ['the home page', '/'],
])('%s loads <= 40 KB gzip of JavaScript before interaction', async (_kind, path) => {
  const scripts = await scriptsBeforeInteraction(path);
  const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
  const listing = scripts.map((s) => `${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.url}`).join('\n');
  expect(total, `${path} loads ${(total / 1024).toFixed(1)} KB gzip of JavaScript:\n${listing}`).toBeLessThanOrEqual(BUDGET_GZIP);
  expect(scripts.some((s) => /codemirror|app\.|webcontainer/i.test(s.url)), `no sandbox code before interaction:\n${listing}`).toBe(false);
});
