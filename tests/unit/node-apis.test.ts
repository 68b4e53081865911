// What decides where code is graded: node-apis.ts must find every Node-only use a learner or an author writes,
// and not be fooled by comments, strings or types.
import { describe, expect, test } from 'vitest';
import { codeOnly, nodeApisIn, nodeApisUsed } from '../../src/lib/exercises/node-apis.ts';
import { inPageCheck } from '../../src/lib/course/sandbox-payload.ts';

describe('finds what needs Node', () => {
  test.each([
    ["import { readFile } from 'node:fs/promises';", 'imports node:fs/promises'],
    ["import { EventEmitter } from 'events';", 'imports events'],
    ["const { Worker } = await import('node:worker_threads');", 'imports node:worker_threads'],
    ["export { promisify } from 'node:util';", 'imports node:util'],
    ['await new Promise((resolve) => setImmediate(resolve));', 'uses setImmediate'],
    ['process.nextTick(() => {});', 'uses process'],
    ['if (process.exitCode) return;', 'uses process'],
    ["const bytes = Buffer.from('x');", 'uses Buffer'],
    ["const fs = require('fs');", 'uses require'],
    ['const t = setInterval(beat, 100);\nt.unref();', "uses a Node timer's .unref()"],
    ['const label = `${process.pid}`;', 'uses process'],
    ['report(process);', 'uses process'],
    ["const here = join(import.meta.dirname, 'data.json');", 'uses import.meta.dirname'],
  ])('%s', (source, phrase) => {
    expect(nodeApisUsed(source)).toContain(phrase);
  });
});

describe('is not fooled', () => {
  test.each([
    ['a comment', '// setImmediate would let I/O run first\n/* process.exit() */\nexport const x = 1;'],
    ['a string', "describe('process.nextTick and promises', () => {});\nconst s = \"Buffer\";"],
    ['a template text', 'const s = `setImmediate runs ${when} the poll phase`;'],
    ['a type-only import', "import type { EventEmitter } from 'node:events';\nexport type { Worker } from 'node:worker_threads';"],
    ['a property or key of that name', 'const o = { process: 1, Buffer: 2 };\nconst p = o.process + task.setImmediate;'],
    ['a local of that name', 'const process = makeProcess();\nprocess.run();'],
    ['declare global', 'declare global {\n  interface Window { x: number }\n}'],
    ['the modules the page provides', "import { setTimeout as sleep } from 'node:timers/promises';\nimport { test } from 'vitest';"],
  ])('%s', (_, source) => {
    expect(nodeApisUsed(source)).toEqual([]);
  });
});

test('codeOnly keeps line numbers and template expressions', () => {
  const source = "const a = 'x'; // note\nconst b = `t ${process.pid} u`;\n";
  const code = codeOnly(source);
  expect(code.split('\n').length).toBe(source.split('\n').length);
  expect(code).toContain('process.pid');
  expect(code).not.toContain('note');
});

test('names the file of each use', () => {
  expect(nodeApisIn({ 'a.ts': 'setImmediate(f);', 'notes.md': 'process', 'b.ts': 'export {};' })).toEqual(['a.ts uses setImmediate']);
});

test('an exercise is graded in the page only when grader, solution and support all need no Node', () => {
  expect(inPageCheck("import { test } from 'vitest';", { 'a.ts': 'export const a = 1;' }, {})).toEqual({ inPage: true });
  expect(inPageCheck('', { 'a.ts': 'export const a = 1;' }, { 'clock.ts': 'setImmediate(f);' })).toEqual({ inPage: false, inPageUnsupported: 'support/clock.ts uses setImmediate' });
});
