// The in-page runtime against learner code that misbehaves (the runner's hostile corpus, hostile-cases.ts): each case
// gets the verdict Node gives it and the same explanation, within the limit plus a little, and the page stays
// usable; code that calls on Node (process.exit, process.kill) is handed to Node instead of failing in the page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadExercise } from '../../src/lib/exercises/load.ts';
import { sandboxPayload } from '../../src/lib/course/sandbox-payload.ts';
import { gradeRequest } from '../../src/lib/sandbox/runtime.ts';
import { cases, ok } from '../runner/hostile-cases.ts';
import { startHarness, type Harness } from '../../src/lib/runner/in-page-harness.ts';

const root = fileURLToPath(new URL('../fixtures/exercises/', import.meta.url));
const payload = sandboxPayload(loadExercise(`${root}event-loop/tiny-sum`, root));
const LIMIT = payload.timeLimitMs;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

test('the fixture is graded in the page, and its reference passes', async () => {
  expect(payload.inPage).toBe(true);
  const { report } = await harness.grade(gradeRequest(payload, { 'sum.ts': ok }));
  expect(report?.verdict, JSON.stringify(report?.tests)).toBe('pass');
});

describe('misbehaving code', () => {
  for (const c of cases) {
    const needsNode = /\bprocess\./.test(c.code);
    test(`${c.name}: ${needsNode ? 'handed to Node' : c.verdict}`, async () => {
      const started = Date.now();
      const result = await harness.grade(gradeRequest(payload, { 'sum.ts': c.code }));
      if (needsNode) {
        expect(result.error?.reason, JSON.stringify(result)).toBe('needs-node');
        expect(result.error?.message).toMatch(/sum\.ts uses process/);
        return;
      }
      const report = result.report!;
      expect(report, JSON.stringify(result.error)).toBeDefined();
      expect(report.verdict, JSON.stringify(report.tests, null, 1)).toBe(c.verdict);
      const hit = report.tests.find((t) => c.expect.name.test(t.name) && t.status === 'fail' && c.expect.message.test(t.message ?? ''));
      expect(hit, JSON.stringify(report.tests, null, 1)).toBeDefined();
      expect(Date.now() - started).toBeLessThan(LIMIT + 5_000);
    });
  }

  test('after all of them the next run, in a fresh worker, still passes the reference', async () => {
    const { report } = await harness.grade(gradeRequest(payload, { 'sum.ts': ok }));
    expect(report?.verdict).toBe('pass');
  });
});
