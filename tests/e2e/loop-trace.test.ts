// The event-loop stepper on a built lesson page: the first step is in the HTML before any script runs, the
// stepper arrives only when scrolled to, and keys on the focused widget move through exactly the stored trace's
// steps (highlighted line, queues, live region); End shows the whole output. A sample whose order Node does not
// fix offers every recorded order.
import { expect, test } from 'vitest';
import { useSite, watchForProblems } from './browser.ts';
import { readTrace } from '../../src/lib/trace/record.ts';
import { traceView } from '../../src/lib/trace/view.ts';
import type { Step } from '../../src/lib/trace/steps.ts';
import { lessonPathWith } from '../../src/lib/content/load.ts';

const SAMPLE = 'event-loop/three-queues.mjs';
const LESSON = lessonPathWith(`<LoopTrace sample="${SAMPLE}"`);
const RACE_LESSON = lessonPathWith('<LoopTrace sample="event-loop/timeout-or-immediate.cjs"');
const env = useSite();

test('keys step through the stored steps of three-queues.mjs, loaded only once it is scrolled into view', async () => {
  const steps = traceView(readTrace(SAMPLE)).choices[0]!.steps;
  const page = await env.browser.newPage();
  const problems = watchForProblems(page);
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(env.site.url + LESSON, { waitUntil: 'networkidle' });

  const widget = page.locator('ct-loop-trace', { has: page.locator('.ct-lt-title code', { hasText: 'three-queues.mjs' }) });
  const root = widget.locator('[data-lt-root]');
  const say = widget.locator('[data-lt-say]');
  expect(fetched.filter((p) => p.includes('/traces/')), 'no trace fetched before scrolling').toEqual([]);
  expect(await say.textContent(), 'the first step is rendered on the server').toBe(steps[0]!.say);

  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => !el!.querySelector('[data-lt-play]')!.hasAttribute('disabled'), await widget.elementHandle(), { timeout: 10_000 });
  expect(fetched).toContain(`/traces/${SAMPLE}.json`);

  const expectStep = async (step: Step, where: string) => {
    const current = widget.locator('[data-lt-code] li.ct-lt-current');
    if (step.line === null) expect(await current.count(), where).toBe(0);
    else expect(await current.getAttribute('data-line'), where).toBe(String(step.line));
    const items = (key: string) => widget.locator(`[data-lt-list="${key}"] li:not(.ct-lt-empty)`).allTextContents();
    expect(await items('microtasks'), where).toEqual(step.microtasks);
    expect(await items('nextTicks'), where).toEqual(step.nextTicks);
    expect(await items('stack'), where).toEqual(step.stack);
    expect(await items('timers'), where).toEqual(step.phases.timers);
    expect(await say.textContent(), where).toBe(step.say);
  };

  await root.focus();
  for (let i = 1; i <= 4; i++) {
    await page.keyboard.press('ArrowRight');
    await expectStep(steps[i]!, `after ${i} x ArrowRight`);
  }
  await page.keyboard.press('ArrowLeft');
  await expectStep(steps[3]!, 'after ArrowLeft');
  expect(await say.getAttribute('aria-live')).toBe('polite');

  await page.keyboard.press('End');
  await expectStep(steps.at(-1)!, 'after End');
  expect(await widget.locator('[data-lt-output]').textContent()).toBe(steps.at(-1)!.output.join('\n'));
  expect(await widget.locator('[data-lt-count]').textContent()).toBe(`Step ${steps.length} of ${steps.length}`);
  await page.keyboard.press('Home');
  await expectStep(steps[0]!, 'after Home');
  expect(problems).toEqual([]);
  await page.close();
});

test('where Node does not fix the order, both recorded orders can be shown', async () => {
  const view = traceView(readTrace('event-loop/timeout-or-immediate.cjs'));
  expect(view.choices.length).toBe(2);
  const page = await env.browser.newPage();
  await page.goto(env.site.url + RACE_LESSON, { waitUntil: 'load' });
  const widget = page.locator('ct-loop-trace', { has: page.locator('.ct-lt-title code', { hasText: 'timeout-or-immediate.cjs' }) });
  await widget.scrollIntoViewIfNeeded();
  const second = widget.getByRole('radio', { name: view.choices[1]!.label });
  await page.waitForFunction((el) => !el!.hasAttribute('disabled'), await second.elementHandle(), { timeout: 10_000 });
  await second.check();
  await widget.locator('[data-lt-root]').focus();
  await page.keyboard.press('End');
  expect(await widget.locator('[data-lt-output]').textContent()).toBe(view.choices[1]!.steps.at(-1)!.output.join('\n'));
  await page.close();
});
