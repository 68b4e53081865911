import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ExerciseFormatError, listExercises, resolveExercise, type Exercise } from '../../src/lib/exercises/load.ts';
import { codeBeyondNames, firstFailingTask, graderTasks, hintList, nextHintIndex, seenHints, taskHeadings, taskSections } from '../../src/lib/exercises/tasks.ts';
import { readFileSync } from 'node:fs';
import { buildWorkspace, RUNTIME_FILES } from '../../src/lib/grading/workspace.ts';

const fake = (id: string): Exercise => ({ dir: '/x', meta: { id } as Exercise['meta'] });
const all = ['event-loop/predict-the-order', 'event-loop/yield-to-the-loop', 'promises/gather'].map(fake);

describe('resolveExercise', () => {
  test('full id, unique slug and unique prefix', () => {
    expect(resolveExercise('promises/gather', all)).toMatchObject({ kind: 'found', exercise: { meta: { id: 'promises/gather' } } });
    expect(resolveExercise('gather', all)).toMatchObject({ kind: 'found', exercise: { meta: { id: 'promises/gather' } } });
    expect(resolveExercise('yield', all)).toMatchObject({ kind: 'found', exercise: { meta: { id: 'event-loop/yield-to-the-loop' } } });
  });
  test('an ambiguous prefix lists the candidates; an unknown id the closest', () => {
    expect(resolveExercise('event-loop', all)).toMatchObject({ kind: 'ambiguous' });
    const unknown = resolveExercise('event-loop/predict-the-ordr', all);
    expect(unknown.kind).toBe('unknown');
    if (unknown.kind === 'unknown') expect(unknown.closest[0]?.meta.id).toBe('event-loop/predict-the-order');
  });
});

describe('task headings', () => {
  const md = 'Intro\n\n## 1. First thing\nDo it.\n\n## 2. Second thing\n- hint a\n- hint b\n';
  test('reads numbered headings and their sections', () => {
    expect(taskHeadings(md)).toEqual([{ number: 1, title: 'First thing' }, { number: 2, title: 'Second thing' }]);
    expect(taskSections(md).get(2)).toBe('- hint a\n- hint b');
  });
  test('reads the grader\'s top-level describes', () => {
    expect(graderTasks("describe('1. First thing', () => {});\ndescribe(\"2. Second thing\", () => {});")).toEqual([
      { number: 1, title: 'First thing' },
      { number: 2, title: 'Second thing' },
    ]);
  });
  test('reads a title with an escaped quote to its real end', () => {
    expect(graderTasks("describe('1. Keep the learner\\'s code', () => {});\ndescribe(`2. Don't stop`, () => {});")).toEqual([
      { number: 1, title: "Keep the learner's code" },
      { number: 2, title: "Don't stop" },
    ]);
  });
});

describe('malformed exercises', () => {
  test('errors name the file and the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'ct-bad-'));
    const dir = join(root, 'event-loop', 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'exercise.json'), JSON.stringify({ id: 'event-loop/broken', title: 'Broken', summary: 'A broken exercise for the test.', module: 'event-loop', order: 0, difficulty: 'easy', concepts: ['x'], files: ['Bad Name.ts'], python: { concept: 'x', note: 'a note long enough' } }));
    let error: unknown;
    try {
      listExercises(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExerciseFormatError);
    const problems = (error as ExerciseFormatError).problems;
    expect(problems.some((p) => /broken\/exercise\.json: order: /.test(p)), problems.join('\n')).toBe(true);
    expect(problems.some((p) => /broken\/exercise\.json: files\[0\]: expected a kebab-case TypeScript file name/.test(p)), problems.join('\n')).toBe(true);
  });
});

describe('buildWorkspace', () => {
  test('maps #subject onto the learner files and puts support beside them', () => {
    const runtime = Object.fromEntries(RUNTIME_FILES.map((f) => [f, `// ${f}`]));
    const files = buildWorkspace({ grader: 'G', subject: { 'a.ts': 'A' }, support: { 'clock.ts': 'C' }, runtime, testTimeoutMs: 1500 });
    expect(JSON.parse(files['package.json']!).imports).toEqual({ '#subject/*': './subject/*', '#support/*': './subject/support/*' });
    expect(files['subject/a.ts']).toBe('A');
    expect(files['subject/support/clock.ts']).toBe('C');
    expect(files['grader.test.ts']).toBe('G');
    expect(files['vitest.config.mjs']).toContain('"testTimeout": 1500');
  });
});

describe('the next hint', () => {
  const hints = [
    { task: 1, text: 'a' },
    { task: 1, text: 'b' },
    { task: 2, text: 'c' },
    { task: 3, text: 'd' },
  ];
  test('comes from the first failing task, then the others in order', () => {
    expect(nextHintIndex(hints, [], 2)).toBe(2);
    expect(nextHintIndex(hints, [2], 2)).toBe(0);
    expect(nextHintIndex(hints, [2, 0], 3)).toBe(3);
    expect(nextHintIndex(hints, [], undefined)).toBe(0);
    expect(nextHintIndex(hints, [0, 1, 2, 3], 1)).toBeUndefined();
  });
  test('the first failing task is that of the first failing test with a task', () => {
    expect(firstFailingTask([{ status: 'pass', task: 1 }, { status: 'fail' }, { status: 'fail', task: 3 }, { status: 'fail', task: 2 }])).toBe(3);
    expect(firstFailingTask([{ status: 'pass', task: 1 }])).toBeUndefined();
  });
  test('records from before per-task hints count the first hintsShown as seen', () => {
    expect(seenHints({ hintsShown: 2 })).toEqual([0, 1]);
    expect(seenHints({ hintsShown: 2, hintsSeen: [3, 0] })).toEqual([3, 0]);
    expect(seenHints(undefined)).toEqual([]);
  });
});

describe('hints go from the concept to code', () => {
  test('names are not code; statements, blocks, functions and constructions are', () => {
    expect(codeBeyondNames('Use `AbortSignal.any`, `clearTimeout(timer)`, `for await`, `Map<number, Timer>`, `return`, `>=` or `timeout 1 done`.')).toEqual([]);
    expect(codeBeyondNames('`const x = 1`, `try { a(); } finally { b(); }`, `(r) => r`, `new Promise(f)`, `for (const x of y)`, `return reject(e)`')).toHaveLength(6);
    expect(codeBeyondNames('see:\n```ts\nx\n```')).toEqual(['a code block']);
  });
  test('the first hint of every task of every exercise holds no code beyond a name', () => {
    const offenders = listExercises().flatMap((exercise) => {
      const firsts = new Map<number, string>();
      for (const hint of hintList(readFileSync(join(exercise.dir, 'hints.md'), 'utf8'))) if (!firsts.has(hint.task)) firsts.set(hint.task, hint.text);
      return [...firsts].flatMap(([task, text]) => {
        const code = codeBeyondNames(text);
        return code.length ? [`${exercise.meta.id} task ${task}: ${code.join(' | ')}`] : [];
      });
    });
    expect(offenders).toEqual([]);
  });
});

test('an exercise WebContainer cannot grade says why, with the upstream issue', () => {
  const flagged = listExercises().filter((e) => e.meta.webContainerUnsupported);
  expect(flagged.map((e) => e.meta.id).sort()).toEqual(
    ['debugging/keep-the-trail', 'debugging/leak-hunt', 'debugging/request-context', 'threads/rpc-client', 'threads/run-in-child'].sort(),
  );
  for (const e of flagged) expect(e.meta.webContainerUnsupported, e.meta.id).toMatch(/[\w.-]+\/[\w.-]+#\d+/);
});
