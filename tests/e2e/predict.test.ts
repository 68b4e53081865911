// Predict, then reveal, on a built lesson page: a runnable sample's output is in the HTML but closed away; a
// prediction compared with Node opens it, marks each line and announces the score; and without JavaScript the
// disclosure alone still works.
import { expect, test } from 'vitest';
import { useSite, watchForProblems } from './browser.ts';
import { lessonPathWith } from '../../src/lib/content/load.ts';

const SAMPLE = 'run-to-completion.mjs';
const LESSON = lessonPathWith(`title="${SAMPLE}"`);
const TRACED_LESSON = lessonPathWith('<LoopTrace sample="event-loop/three-queues.mjs"');
const OUTPUT = ['loop: done, total is 12499997500000', 'timer: finally my turn'] as const;

const env = useSite();

test('the output waits in a closed disclosure; Compare with Node opens it and marks the prediction line by line', async () => {
  const page = await env.browser.newPage();
  const problems = watchForProblems(page);
  const scripts: string[] = [];
  page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
  const response = await page.goto(env.site.url + LESSON, { waitUntil: 'domcontentloaded' });

  // In the HTML as served, for search engines and screen readers: inside a <details> that is closed.
  const html = (await response!.text()).replace(/<[^>]+>/g, '');
  for (const line of OUTPUT) expect(html, `"${line}" is in the served HTML`).toContain(line);
  const sample = page.locator('.ct-predict', { has: page.locator(`label:has-text("${SAMPLE}")`) });
  const details = sample.locator('details');
  expect(await details.getAttribute('open'), 'closed at first').toBeNull();
  expect(await details.textContent()).toContain(OUTPUT[1]);
  expect(await sample.getByText(OUTPUT[1]).isVisible(), 'not shown until asked').toBe(false);

  const comparisonCode = () => scripts.filter((path) => /\/actions\.[\w-]+\.js$/.test(path));
  expect(comparisonCode(), 'the comparison is not loaded before a learner asks for it').toEqual([]);

  // One line right, one wrong (the order is the lesson's point).
  await sample.getByLabel(`Your prediction: what does ${SAMPLE} print?`).fill(`${OUTPUT[0]}\nsomething else`);
  await sample.getByRole('button', { name: 'Compare with Node' }).click();
  // The comparison's code loads on this first press.
  await expect.poll(() => details.getAttribute('open'), { message: 'Compare opens the output' }).toBe('');
  expect(await details.locator('.expressive-code').getByText(OUTPUT[1]).isVisible()).toBe(true);
  expect(comparisonCode()).toHaveLength(1);
  const lines = sample.getByRole('list', { name: 'Your prediction, line by line' }).getByRole('listitem');
  expect(await lines.count()).toBe(2);
  expect(await lines.nth(0).getAttribute('data-right')).toBe('');
  expect(await lines.nth(0).textContent()).toBe(`✓Right: ${OUTPUT[0]}`);
  expect(await lines.nth(1).getAttribute('data-right')).toBeNull();
  expect(await lines.nth(1).textContent()).toBe(`✗Wrong: something else — Node prints ${OUTPUT[1]}`);
  const status = sample.getByRole('status'); // role=status: a polite live region
  await page.waitForFunction((el) => el?.textContent === '1 of 2 lines right.', await status.elementHandle(), { timeout: 5_000 });

  // Ordering instead of writing: the lines arrive shuffled, Alt+Down moves the caret's line, and both right is all right.
  await sample.getByRole('button', { name: 'Give me the lines to put in order' }).click();
  const input = sample.getByRole('textbox');
  await expect.poll(() => input.inputValue()).toBe([OUTPUT[1], OUTPUT[0]].join('\n'));
  await input.press('Control+Home');
  await input.press('Alt+ArrowDown');
  await expect.poll(() => input.inputValue()).toBe(OUTPUT.join('\n'));
  await sample.getByRole('button', { name: 'Compare with Node' }).click();
  await page.waitForFunction((el) => el?.textContent === 'All 2 lines right.', await status.elementHandle(), { timeout: 5_000 });

  expect(await sample.getByRole('link', { name: 'Step through it' }).count(), 'a sample without a stepper has no link').toBe(0);

  // Another sample opens from its summary alone, with nothing predicted.
  const other = page.locator('.ct-predict details').nth(1);
  await other.locator('summary').click();
  expect(await other.getAttribute('open')).toBe('');

  // A sample with a stepper offers "Step through it" beside the reveal, and the link lands on that stepper.
  await page.goto(env.site.url + TRACED_LESSON, { waitUntil: 'domcontentloaded' });
  const traced = page.locator('.ct-predict', { has: page.locator('label:has-text("three-queues.mjs")') });
  const step = traced.getByRole('link', { name: 'Step through it' });
  const target = (await step.getAttribute('href'))!;
  expect(target).toBe('#ct-lt-event-loop-three-queues-mjs');
  expect(await page.locator(`ct-loop-trace${target}`).count(), 'the link points at the sample\'s stepper').toBe(1);
  expect(problems).toEqual([]);
  await page.close();
}, 30_000);

test('without JavaScript there is no form, and the disclosure still opens', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.site.url + LESSON, { waitUntil: 'domcontentloaded' });
  const sample = page.locator('.ct-predict').first();
  expect(await sample.locator('[data-predict-form]').isVisible(), 'a form that could not compare stays hidden').toBe(false);
  await sample.getByText('Show what Node prints').click();
  expect(await sample.locator('details').getAttribute('open')).toBe('');
  await context.close();
});
