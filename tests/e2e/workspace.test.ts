// The exercise page as a workspace, as a learner meets it at 1280x900 and on a 390x844 phone: instructions and code
// side by side on a wide screen, a resizable and remembered divider, results in view (and focused) after Run, a
// short spoken verdict, links from a failing task to its text and hint, and the keyboard ways in and out of the
// editor. Graded by local Node (the preview server), as sandbox.test.ts does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useSite, openSandbox } from './browser.ts';
import { lessonPathWith } from '../../src/lib/content/load.ts';

const ID = 'promises/gather-all';
const env = useSite('preview');

async function openExercise(context: BrowserContext, id = ID): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${env.site.url}/exercises/${id}/`);
  await openSandbox(page);
  await page.locator('ct-sandbox .ct-sb-notice', { hasText: 'Grading with local Node' }).waitFor({ timeout: 10_000 });
  return page;
}

/** How many characters of a line the editor shows without scrolling sideways. */
const editorColumns = (page: Page) =>
  page.locator('ct-sandbox .cm-editor').first().evaluate((editor) => {
    const scroller = editor.querySelector('.cm-scroller')!.getBoundingClientRect().width;
    const gutters = editor.querySelector('.cm-gutters')?.getBoundingClientRect().width ?? 0;
    const probe = document.createElement('span');
    probe.textContent = 'x'.repeat(100);
    editor.querySelector('.cm-line')!.append(probe);
    const char = probe.getBoundingClientRect().width / 100;
    probe.remove();
    return (scroller - gutters) / char;
  });

const inViewport = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((node) => {
    const box = node.getBoundingClientRect();
    // A pixel of slack: scrollIntoView may leave a fraction of a pixel past the edge.
    return box.top >= -1 && box.bottom <= window.innerHeight + 1 && box.height > 0;
  });

describe('at 1280x900', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await openExercise(context);
  }, 60_000);
  afterAll(() => context?.close());

  test('instructions on the left, the editor on the right, at least 80 columns wide', async () => {
    const text = (await page.locator('.ct-ws-text').boundingBox())!;
    const code = (await page.locator('.ct-ws-code').boundingBox())!;
    expect(code.x, 'the code pane starts where the instructions end').toBeGreaterThanOrEqual(text.x + text.width - 1);
    expect(code.y).toBeLessThan(100);
    expect(await editorColumns(page)).toBeGreaterThanOrEqual(80);
    expect(await page.locator('nav.sidebar').isVisible(), 'the site sidebar gives way to the workspace').toBe(false);
    expect(await page.locator('.ct-ws-switch').isVisible(), 'no tasks/code/results switch when all three are in view').toBe(false);
  });

  test('the instructions scroll on their own: the editor stays in view', async () => {
    await page.mouse.wheel(0, 2000);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await expect.poll(() => inViewport(page, 'ct-sandbox .cm-editor')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('Run keeps focus while the tests run, then focus and scroll go to the results summary', async () => {
    const run = page.getByRole('button', { name: 'Run tests' });
    expect(await run.getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    await run.focus();
    await page.keyboard.press('Enter');
    expect(await run.getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent), 'focus stays on Run while it runs').toBe('Run tests');
    const verdict = page.locator('ct-sandbox .ct-sb-verdict');
    await verdict.waitFor({ timeout: 40_000 });
    expect(await run.getAttribute('aria-disabled')).toBeNull();
    expect(await verdict.evaluate((v) => v === document.activeElement)).toBe(true);
    await expect.poll(() => inViewport(page, 'ct-sandbox .ct-sb-verdict')).toBe(true);
    expect(await page.locator('ct-sandbox .ct-sb-results').getAttribute('aria-busy')).toBeNull();
  }, 60_000);

  test('the live region says a short verdict, not the whole report', async () => {
    const spoken = (await page.locator('ct-sandbox [role="status"].ct-sb-sr').textContent())!;
    expect(spoken).toMatch(/^\d+ of \d+ tests pass\. First failure: .+ \(task 1\)\.$/);
    expect(spoken.length).toBeLessThan(200);
    expect(await page.locator('ct-sandbox .ct-sb-results').getAttribute('aria-live'), 'the report itself is not read aloud').toBeNull();
  });

  test('a failing task links to its text and to its next hint, shown in the instructions', async () => {
    const help = page.locator('ct-sandbox .ct-sb-task-help').first();
    const href = (await help.getByRole('link', { name: 'Read task 1' }).getAttribute('href'))!;
    expect(href).toMatch(/^#/);
    expect(await page.locator(`.ct-ws-text h2[id="${href.slice(1)}"]`).textContent()).toMatch(/^1\. /);
    await help.getByRole('button', { name: 'Hint for task 1' }).click();
    const hint = page.locator('.ct-ws-text .ct-sb-hints li').first();
    expect(await hint.textContent()).toMatch(/^Task 1: /);
    expect(await hint.evaluate((h) => h === document.activeElement), 'focus goes to the hint it revealed').toBe(true);
    // The page may scroll smoothly: wait for it to settle.
    await expect.poll(() => inViewport(page, '.ct-ws-text .ct-sb-hints li')).toBe(true);
  });

  test('the editor says how to leave it and run the tests, tied to it by aria-describedby', async () => {
    const id = await page.locator('ct-sandbox .cm-content').first().getAttribute('aria-describedby');
    expect(await page.locator(`[id="${id}"]`).textContent()).toBe('Tab or Esc leaves the editor · Ctrl/Cmd+Enter runs the tests');
  });

  test('Escape leaves the editor for Run; Ctrl+Enter runs from the editor and leaves focus there', async () => {
    await page.locator('ct-sandbox .cm-content').first().click();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Run tests');
    await page.locator('ct-sandbox .cm-content').first().click();
    // Mark the old verdict: the new run's verdict is a new element.
    await page.locator('ct-sandbox .ct-sb-verdict').evaluate((v) => v.setAttribute('data-old', ''));
    await page.keyboard.press('Control+Enter');
    await page.locator('ct-sandbox .ct-sb-verdict:not([data-old])').waitFor({ timeout: 40_000 });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await expect.poll(() => inViewport(page, 'ct-sandbox .ct-sb-verdict')).toBe(true);
  }, 60_000);

  test('the divider moves with the keyboard and a drag, and its place is remembered', async () => {
    const divider = page.getByRole('separator', { name: 'Resize the code pane' });
    const width = async () => (await page.locator('.ct-ws-code').boundingBox())!.width;
    const start = await width();
    await divider.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await width()).toBeGreaterThan(start + 10);
    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, 400);
    await page.mouse.down();
    await page.mouse.move(700, 400, { steps: 5 });
    await page.mouse.up();
    const dragged = await width();
    expect(Math.abs(dragged - (1280 - 700))).toBeLessThan(8);
    await page.reload();
    await openSandbox(page);
    expect(Math.abs((await width()) - dragged), 'the same width after a reload').toBeLessThan(2);
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThan(50);
  }, 60_000);
});

test('the exercise page loads the editor at the first interaction, not with the page', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${env.site.url}/exercises/${ID}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    expect(await page.locator('ct-sandbox .cm-editor').count(), 'no editor before any interaction').toBe(0);
    expect(await page.locator('.ct-ws-code [data-sandbox-open]').isVisible(), 'the code pane offers the editor meanwhile').toBe(true);
    await page.mouse.move(640, 450);
    await page.locator('ct-sandbox .cm-editor').waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
  }
}, 60_000);

/** WCAG contrast ratio of two computed CSS colours (`rgb(...)`/`rgba(...)`, opaque enough to judge). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test.each(['light', 'dark'] as const)('in %s mode the focus ring of Run, a tab and the editor is 2 px and 3:1 or more against the page', async (theme) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  try {
    const page = await openExercise(context);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const ring = async (selector: string, focus: () => Promise<void>) => {
      await focus();
      return page.locator(selector).first().evaluate((node) => {
        const style = getComputedStyle(node);
        return { color: style.outlineColor, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
      });
    };
    // Focused by script on a page no pointer has touched: Chromium then matches :focus-visible, as for keyboard focus.
    const rings = {
      run: await ring('ct-sandbox .ct-sb-run', () => page.locator('ct-sandbox .ct-sb-run').focus()),
      tab: await ring('ct-sandbox [role="tab"]', () => page.locator('ct-sandbox [role="tab"]').first().focus()),
      editor: await ring('ct-sandbox .cm-editor', () => page.locator('ct-sandbox .cm-content').first().focus()),
    };
    for (const [control, { color, width, style }] of Object.entries(rings)) {
      expect(style, `${control}: a solid ring`).toBe('solid');
      expect(width, `${control}: ring width`).toBeGreaterThanOrEqual(2);
      expect(contrast(color, background), `${control}: ${color} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  } finally {
    await context.close();
  }
}, 60_000);

describe('at 390x844', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await openExercise(context);
  }, 60_000);
  afterAll(() => context?.close());

  test('the parts stack, and the tasks / code / results switch stays in reach', async () => {
    const text = (await page.locator('.ct-ws-text').boundingBox())!;
    const code = (await page.locator('.ct-ws-code').boundingBox())!;
    expect(code.y).toBeGreaterThanOrEqual(text.y + text.height - 1);
    const switcher = page.getByRole('navigation', { name: 'Parts of this exercise' });
    expect(await switcher.isVisible()).toBe(true);
    await switcher.getByRole('link', { name: 'Tasks' }).click();
        expect(await switcher.isVisible(), 'sticky: still in view after a jump').toBe(true);
    await expect.poll(() => inViewport(page, '.ct-ws-text .exercise-meta')).toBe(true);
    await switcher.getByRole('link', { name: 'Code' }).click();
    await expect.poll(() => inViewport(page, 'ct-sandbox .ct-sb-run')).toBe(true);
  });

  test('the button bar is one row, the rest in "More", and long lines wrap in the editor', async () => {
    const bar = page.locator('ct-sandbox .ct-sb-bar');
    // One row: every visible item of the bar crosses the same horizontal line (items are centred, not top-aligned).
    const boxes = await bar.evaluate((b) =>
      [...b.children].filter((c) => (c as HTMLElement).offsetParent && !c.matches('.ct-sb-menu')).map((c) => c.getBoundingClientRect().toJSON() as DOMRect),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...boxes.map((b) => b.top)), 'one row').toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
    expect(Math.max(...boxes.map((b) => b.right)), 'nothing past the sandbox edge').toBeLessThanOrEqual((await bar.boundingBox())!.x + (await bar.boundingBox())!.width + 1);
    const more = bar.getByRole('button', { name: 'More' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await bar.getByRole('button', { name: 'Reset to starter' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const scroller = page.locator('ct-sandbox .cm-scroller').first();
    expect(await scroller.evaluate((s) => s.scrollWidth - s.clientWidth), 'nothing hidden off to the side').toBeLessThanOrEqual(1);
    const longest = await page.locator('ct-sandbox .cm-line').evaluateAll((lines) => Math.max(...lines.map((l) => l.textContent!.length)));
    expect(longest, 'the starter has lines longer than a phone shows: the check above means something').toBeGreaterThan(60);
  });

  test('after Run the results summary is in the viewport, and the switch leads back to it', async () => {
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.locator('ct-sandbox .ct-sb-verdict').waitFor({ timeout: 40_000 });
    await expect.poll(() => inViewport(page, 'ct-sandbox .ct-sb-verdict')).toBe(true);
    await page.getByRole('navigation', { name: 'Parts of this exercise' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('navigation', { name: 'Parts of this exercise' }).getByRole('link', { name: 'Results' }).click();
    await expect.poll(() => inViewport(page, 'ct-sandbox .ct-sb-verdict')).toBe(true);
  }, 60_000);
});

test('a lesson sandbox opens its exercise in the full workspace, with the code typed in the lesson', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(env.site.url + lessonPathWith('<Sandbox exercise="event-loop/yield-to-the-loop"'));
    await page.locator('ct-sandbox').scrollIntoViewIfNeeded();
    await page.locator('ct-sandbox .cm-content').first().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n// typed in the lesson\n');
    await page.getByRole('link', { name: 'Open full workspace' }).click();
    await page.waitForURL('**/exercises/event-loop/yield-to-the-loop/');
    await openSandbox(page);
    expect(await page.locator('.ct-ws-code .cm-content').first().innerText()).toContain('// typed in the lesson');
  } finally {
    await context.close();
  }
}, 60_000);
