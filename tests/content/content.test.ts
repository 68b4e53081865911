// Every lesson, glossary entry and flashcard deck validates and every reference resolves; runnable samples in
// lessons and "predict the output" flashcards print exactly what the page says, on every Node we support.
import { describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/lib/content/load.ts';
import { expectedOn, normalizeOutput, runnableSamples } from '../../src/lib/content/samples.ts';
import { nodeRuntimes } from '../../src/lib/runner/node-binaries.ts';
import { listExercises } from '../../src/lib/exercises/load.ts';

const content = loadContent();
const RUNS = 2; // two runs on each Node (four in all), so a sample whose order Node does not fix is caught
const scratch = mkdtempSync(join(tmpdir(), 'ct-samples-'));

const execFileAsync = promisify(execFile);

/** Runs a sample as its own file; asynchronous, so that concurrent tests really run their samples side by side. */
async function runSample(filename: string, code: string, nodePath: string): Promise<string> {
  const dir = mkdtempSync(join(scratch, 'run-'));
  writeFileSync(join(dir, filename), code);
  const { stdout } = await execFileAsync(nodePath, [filename], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return stdout;
}
/** .mjs and .cjs run on every runtime; TypeScript samples only where Node strips types (the pinned Node). */
const runtimesFor = (filename: string) => (/\.[mc]ts$/.test(filename) ? nodeRuntimes().slice(0, 1) : nodeRuntimes());

test('every lesson, glossary entry and deck validates, and every reference resolves', () => {
  expect(content.problems).toEqual([]);
  expect(content.lessons.length).toBeGreaterThan(0);
});

describe.concurrent.each(content.lessons.map((l) => ({ id: l.id, lesson: l })))('lesson $id', ({ lesson }) => {
  const { samples, problems } = runnableSamples(lesson.text);

  test('runnable samples are well formed', () => {
    expect(problems.map((p) => `${lesson.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  test.concurrent.each(samples.map((s) => ({ name: `${s.filename} (line ${s.line})`, sample: s })))('$name prints its Output block', async ({ sample }) => {
    for (const runtime of runtimesFor(sample.filename)) {
      const where = `${lesson.file}:${sample.line} on ${runtime.label}`;
      const allowed = expectedOn(sample, runtime.major);
      expect(allowed, `${where}: no Output block for Node ${runtime.major}`).toBeDefined();
      const outputs = allowed!.map(normalizeOutput);
      for (let i = 0; i < RUNS; i++) {
        const got = normalizeOutput(await runSample(sample.filename, sample.code, runtime.path));
        if (outputs.length === 1) expect(got, `${where}, run ${i + 1}`).toBe(outputs[0]);
        else expect(outputs, `${where}, run ${i + 1}: printed an output the "one of" block does not list`).toContain(got);
      }
    }
  });
});

// Links between pages are written by hand ([text](/module/lesson/#heading)); a renamed heading or a moved page
// must not leave a learner on a missing anchor.
const slugOf = (heading: string) =>
  heading
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (text: string) => new Set([...text.matchAll(/^#{2,6}\s+(.+?)\s*$/gm)].map((m) => slugOf(m[1]!)));
const exerciseIds = new Set(listExercises().map((e) => e.meta.id));

test('every link from one page of the course to another, and to a heading in it, resolves', () => {
  const lessonsById = new Map(content.lessons.map((l) => [l.id, l]));
  const broken: string[] = [];
  for (const lesson of content.lessons) {
    for (const [, target, anchor] of lesson.text.matchAll(/\]\((\/[^)#\s]*)(?:#([^)\s]+))?\)/g)) {
      const path = target!.replace(/^\/|\/$/g, '');
      const where = `${lesson.file}: (${target}${anchor ? `#${anchor}` : ''})`;
      if (path.startsWith('exercises/')) {
        if (!exerciseIds.has(path.slice('exercises/'.length))) broken.push(`${where}: no such exercise`);
        continue;
      }
      if (['glossary', 'review', 'progress'].includes(path.split('/')[0]!)) continue;
      const linked = lessonsById.get(path);
      if (!linked) broken.push(`${where}: no such lesson`);
      else if (anchor && !anchorsOf(linked.text).has(anchor)) broken.push(`${where}: no heading with that anchor`);
    }
  }
  expect(broken).toEqual([]);
});

const predictCards = content.decks.flatMap((deck) =>
  deck.data.cards.flatMap((card) => (card.runnable && card.code ? [{ name: `${deck.file} ${card.id}`, card }] : [])),
);

test.concurrent.each(predictCards)('flashcard $name: the back is what the code prints', async ({ card }) => {
  const filename = card.runnable === 'cjs' ? 'card.cjs' : 'card.mjs';
  for (const runtime of nodeRuntimes()) {
    for (let i = 0; i < RUNS; i++) {
      expect(normalizeOutput(await runSample(filename, card.code!, runtime.path)), `${card.id} on ${runtime.label}`).toBe(normalizeOutput(card.back));
    }
  }
});

describe('the content checks catch mistakes', () => {
  test('a malformed glossary entry and a dangling reference are named by file and field', () => {
    const root = mkdtempSync(join(tmpdir(), 'ct-content-'));
    mkdirSync(join(root, 'glossary'));
    mkdirSync(join(root, 'docs/event-loop'), { recursive: true });
    writeFileSync(join(root, 'glossary/bad.md'), '---\nterm: x\ndefinition: short\npython: p\nmodule: nowhere\n---\nBody.\n');
    writeFileSync(join(root, 'docs/event-loop/a.mdx'), '---\ntitle: A\ndescription: A lesson for the test.\nterms: [missing-term]\n---\nText.\n');
    const { problems } = loadContent(root);
    expect(problems.some((p) => /glossary\/bad\.md: term: /.test(p)), problems.join('\n')).toBe(true);
    expect(problems.some((p) => /glossary\/bad\.md: module: /.test(p)), problems.join('\n')).toBe(true);
    expect(problems.some((p) => /a\.mdx: terms\[0\]: no glossary entry "missing-term"/.test(p)), problems.join('\n')).toBe(true);
  });

  test('a lesson too long for one sitting, and an exercise the sidebar cannot place, are named by file', () => {
    const root = mkdtempSync(join(tmpdir(), 'ct-content-'));
    mkdirSync(join(root, 'docs/event-loop'), { recursive: true });
    const loop = listExercises().filter((e) => e.meta.module === 'event-loop').map((e) => e.meta.id);
    const other = listExercises().find((e) => e.meta.module === 'promises')!.meta.id;
    const head = (exercises: string[]) => `---\ntitle: A\ndescription: A lesson for the test.\nexercises: [${exercises.join(', ')}]\n---\n`;
    const links = (ids: string[]) => ids.map((id) => `[x](/exercises/${id}/)`).join('\n');
    // a.mdx lists every event-loop exercise but the last, plus one of another module; b.mdx lists the first again.
    writeFileSync(join(root, 'docs/event-loop/a.mdx'), head([...loop.slice(0, -1), other]) + links([...loop, other]) + '\nline\n'.repeat(150));
    writeFileSync(join(root, 'docs/event-loop/b.mdx'), head([loop[0]!]) + links([loop[0]!]) + '\n');
    const { problems } = loadContent(root);
    const text = problems.join('\n');
    expect(problems.filter((p) => /lines; a lesson page holds at most 300/.test(p)), text).toEqual([expect.stringMatching(/a\.mdx: 3\d\d lines;/)]);
    expect(problems.some((p) => p.includes(`a.mdx: exercises[${loop.length - 1}]: "${other}" belongs to another module`)), text).toBe(true);
    expect(problems.some((p) => p.startsWith(`exercises/${loop.at(-1)}/exercise.json: no lesson of event-loop lists`)), text).toBe(true);
    expect(problems.some((p) => p.includes(`: exercises: "${loop[0]}" is listed by 2 lessons`)), text).toBe(true);
    expect(problems.filter((p) => p.includes(`"${loop[1]}"`)), text).toEqual([]);
  });

  test('a <Term> in a lesson whose slug has no glossary entry is named by file, slug and line', () => {
    const root = mkdtempSync(join(tmpdir(), 'ct-content-'));
    mkdirSync(join(root, 'glossary'));
    mkdirSync(join(root, 'docs/event-loop'), { recursive: true });
    writeFileSync(join(root, 'glossary/promise.md'), '---\nterm: promise\ndefinition: A value that settles later.\npython: asyncio.Future\nmodule: event-loop\n---\nBody.\n');
    const lesson = '---\ntitle: A\ndescription: A lesson for the test.\n---\nA <Term slug="promise">promise</Term> and\na <Term slug="no-such-term">ghost</Term>.\n';
    writeFileSync(join(root, 'docs/event-loop/a.mdx'), lesson);
    const { problems } = loadContent(root);
    const termProblems = problems.filter((p) => p.includes('<Term'));
    expect(termProblems, problems.join('\n')).toHaveLength(1);
    expect(termProblems[0]).toMatch(/docs\/event-loop\/a\.mdx: <Term slug="no-such-term">: no glossary entry "no-such-term" \(line 6\)$/);
  });

  test('a runnable sample without an Output block, or without a module type, is reported', () => {
    const text = '```js title="a.mjs" runnable\nconsole.log(1)\n```\n\n```js title="b.js" runnable\nx\n```\n\n```txt title="Output"\n1\n```\n';
    const { samples, problems } = runnableSamples(text);
    expect(samples).toEqual([]);
    expect(problems.map((p) => p.line)).toEqual([1, 5]);
  });

  test('an order Node does not fix is written as "one of", and a version difference as one block per Node', () => {
    const text = [
      '```js title="race.mjs" runnable', 'x', '```', '',
      '```txt title="Output, one of"', 'timeout', 'immediate', 'or', 'immediate', 'timeout', '```', '',
      '```js title="versions.mjs" runnable', 'y', '```', '',
      '```txt title="Output on Node 20"', 'old', '```', '',
      '```txt title="Output on Node 24"', 'new', '```', '',
      '```js title="lonely.mjs" runnable', 'z', '```', '',
      '```txt title="Output, one of"', 'only one', '```', '',
    ].join('\n');
    const { samples, problems } = runnableSamples(text);
    const [race, versions] = samples;
    expect(race!.expected).toEqual([{ node: undefined, alternatives: ['timeout\nimmediate', 'immediate\ntimeout'] }]);
    expect(expectedOn(versions!, 20)).toEqual(['old']);
    expect(expectedOn(versions!, 24)).toEqual(['new']);
    expect(expectedOn(versions!, 22)).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/two or more outputs/)]);
  });
});
