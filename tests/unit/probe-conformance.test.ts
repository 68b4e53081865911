// What the WebContainer probe records and what the course derives from a recording.
import { describe, expect, test } from 'vitest';
import { parseConformance, reportDifferences, summarize, webContainerUnsupported, type Conformance } from '../../src/lib/probe/conformance.ts';

const passing = { verdict: 'pass' as const, tests: [{ name: 'a', status: 'pass' as const }, { name: 'b', status: 'pass' as const }] };

function recording(variants: { label: string; differences: string[] }[], id = 'promises/gather'): Conformance {
  return {
    recordedAt: '2027-01-15T10:00:00.000Z',
    browser: 'Mozilla/5.0 … Chrome/142.0.0.0 Safari/537.36',
    browserName: 'Chrome 142',
    versions: { webcontainerApi: '1.6.4', webcontainerNode: 'v20.19.1', localNode: 'pinned node 24.21.0' },
    checks: [],
    exercises: [{ id, variants: variants.map((v) => ({ ...v, unsteady: [], mustPass: true, node: passing, webcontainer: passing })) }],
  };
}

describe('comparing a WebContainer report with local Node', () => {
  test('the same verdict and statuses are no difference, whatever the messages and timings', () => {
    const node = summarize({ exercise: 'x', verdict: 'fail', durationMs: 10, tests: [{ name: 'a', status: 'fail', message: 'at /tmp/a.ts:1' }] });
    const wc = summarize({ exercise: 'x', verdict: 'fail', durationMs: 999, tests: [{ name: 'a', status: 'fail', message: 'at /home/project/a.ts:1' }] });
    expect(reportDifferences(node, wc)).toEqual({ differences: [], unsteady: [] });
  });

  test('names a different verdict, a different status, and a test only one side reported', () => {
    const wc = { verdict: 'fail' as const, tests: [{ name: 'a', status: 'fail' as const }, { name: 'c', status: 'pass' as const }] };
    expect(reportDifferences(passing, wc).differences).toEqual([
      'verdict: Node pass, WebContainer fail',
      '"a": Node pass, WebContainer fail',
      '"b": Node pass, WebContainer did not report it',
      '"c": WebContainer pass, Node did not report it',
    ]);
  });

  test('tells tests of the same name apart by task, then by order', () => {
    const same = { name: 'your prediction matches', status: 'pass' as const };
    const node = { verdict: 'fail' as const, tests: [{ ...same, task: 1 }, { ...same, task: 2 }, { ...same, task: 2, status: 'fail' as const }] };
    const wc = { verdict: 'fail' as const, tests: [{ ...same, task: 1, status: 'fail' as const }, { ...same, task: 2 }, { ...same, task: 2, status: 'fail' as const }] };
    expect(reportDifferences(node, wc).differences).toEqual(['task 1: "your prediction matches": Node pass, WebContainer fail']);
    expect(reportDifferences(node, { ...wc, tests: [wc.tests[0]!, wc.tests[2]!, wc.tests[1]!] }).differences).toEqual([
      'task 1: "your prediction matches": Node pass, WebContainer fail',
      'task 2: "your prediction matches": Node pass, WebContainer fail',
      'task 2: "your prediction matches" (2): Node fail, WebContainer pass',
    ]);
  });

  test('a test whose status also changes between Node runs of the same code is unsteady, not held against WebContainer', () => {
    const race = (status: 'pass' | 'fail') => ({ verdict: 'fail' as const, tests: [{ task: 1, name: 'watch', status: 'fail' as const }, { task: 2, name: 'race', status }] });
    // Node passed the race test once (the race did not happen), WebContainer failed it.
    expect(reportDifferences(race('pass'), race('fail'), [race('pass'), race('pass')])).toEqual({
      differences: ['task 2: "race": Node pass, WebContainer fail'],
      unsteady: [],
    });
    expect(reportDifferences(race('pass'), race('fail'), [race('pass'), race('fail')])).toEqual({
      differences: [],
      unsteady: ['task 2: "race": Node pass, WebContainer fail'],
    });
  });
});

describe('the flags derived from a recording', () => {
  test('without a recording, the hand-set flag stands', () => {
    expect(webContainerUnsupported('debugging/leak-hunt', 'libuv names', undefined)).toBe('libuv names');
    expect(webContainerUnsupported('promises/gather', undefined, undefined)).toBeUndefined();
  });

  test('an exercise the recording did not grade keeps its hand-set flag', () => {
    expect(webContainerUnsupported('debugging/leak-hunt', 'libuv names', recording([{ label: 'solution', differences: [] }]))).toBe('libuv names');
  });

  test('an exercise graded as on Node in every version is allowed, even if it was flagged by hand', () => {
    const rec = recording([{ label: 'solution', differences: [] }, { label: 'starter', differences: [] }], 'debugging/leak-hunt');
    expect(webContainerUnsupported('debugging/leak-hunt', 'libuv names', rec)).toBeUndefined();
  });

  test('one version graded differently flags the exercise, naming the browser, the date and the difference', () => {
    const rec = recording([{ label: 'solution', differences: [] }, { label: 'wrong/late', differences: ['"a": Node fail, WebContainer pass'] }]);
    expect(webContainerUnsupported('promises/gather', undefined, rec)).toBe(
      'In Chrome 142 on 2027-01-15, WebContainer graded 1 of 2 versions of this exercise differently from Node ' +
        '(wrong/late: "a": Node fail, WebContainer pass); see docs/webcontainer-conformance.json.',
    );
  });
});

describe('reading a recording', () => {
  test('round-trips what the probe writes', () => {
    const rec = recording([{ label: 'solution', differences: [] }]);
    expect(parseConformance(JSON.stringify(rec))).toEqual(rec);
  });

  test('a malformed file names the file and the field', () => {
    const rec = recording([{ label: 'solution', differences: [] }]) as unknown as { exercises: { variants: { node: { verdict: string } }[] }[] };
    rec.exercises[0]!.variants[0]!.node.verdict = 'maybe';
    expect(() => parseConformance(JSON.stringify(rec))).toThrow(/^docs\/webcontainer-conformance\.json: exercises\.0\.variants\.0\.node\.verdict: /);
    expect(() => parseConformance('{', 'x.json')).toThrow(/^x\.json: not JSON/);
  });
});

describe('the sandbox payload follows a committed recording', () => {
  test('a flagged exercise graded as on Node loses its flag; one graded differently gets one; without a recording exercise.json decides', async () => {
    const { listExercises } = await import('../../src/lib/exercises/load.ts');
    const { sandboxPayload } = await import('../../src/lib/course/sandbox-payload.ts');
    const byId = (id: string) => listExercises().find((e) => e.meta.id === id)!;
    const leakHunt = byId('debugging/leak-hunt');
    const gather = byId('promises/gather-all');
    expect(leakHunt.meta.webContainerUnsupported).toBeTruthy();
    expect(sandboxPayload(leakHunt, undefined).webContainerUnsupported).toBe(leakHunt.meta.webContainerUnsupported);
    expect(sandboxPayload(gather, undefined).webContainerUnsupported).toBeUndefined();
    expect(sandboxPayload(leakHunt, recording([{ label: 'solution', differences: [] }], 'debugging/leak-hunt')).webContainerUnsupported).toBeUndefined();
    expect(sandboxPayload(gather, recording([{ label: 'solution', differences: ['verdict: Node pass, WebContainer fail'] }], 'promises/gather-all')).webContainerUnsupported).toMatch(/^In Chrome 142 on 2027-01-15/);
  });
});
