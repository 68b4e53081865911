// The WebContainer runtime's helpers: the terminal output kept as plain bounded text, workspace maps turned into
// mountable trees, and the progress step read from the journal.
import { expect, test } from 'vitest';
import { OutputTail, utf8Length } from '../../src/lib/sandbox/webcontainer-output.ts';
import { toFileTree } from '../../src/lib/sandbox/webcontainer-tree.ts';
import { runningStep } from '../../src/lib/sandbox/webcontainer-journal.ts';

test('output: colours, cursor codes, links and carriage returns are removed, even when split across chunks', () => {
  const out = new OutputTail(1000);
  for (const chunk of ['\u001b[3', '1mred\u001b[39m\r', '\n\u001b[?25lhidden\u001b[?25h ', '\u001b]8;;https://x\u0007link\u001b]8;;\u0007\r\n']) out.push(chunk);
  expect(out.text()).toBe('red\nhidden link\n');
  expect(out.bytes).toBe('red\nhidden link\n'.length);
});

test('output: only the tail is kept, but every byte is counted', () => {
  const out = new OutputTail(100);
  for (let i = 0; i < 10_000; i++) out.push(`line ${i}\r\n`);
  expect(out.text().length).toBeLessThanOrEqual(101);
  expect(out.text().endsWith('line 9999\n')).toBe(true);
  expect(out.bytes).toBe(Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`).join('').length);
});

test('utf8Length counts bytes as UTF-8 encodes them', () => {
  for (const text of ['abc', 'é', '€', '😀', 'a€😀é\n']) expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
});

test('toFileTree nests folders', () => {
  expect(toFileTree({ 'package.json': '{}', 'subject/sum.ts': 'a', 'subject/support/n.ts': 'b' })).toEqual({
    'package.json': { file: { contents: '{}' } },
    subject: { directory: { 'sum.ts': { file: { contents: 'a' } }, support: { directory: { 'n.ts': { file: { contents: 'b' } } } } } },
  });
  expect(() => toFileTree({ a: '1', 'a/b': '2' })).toThrow(/file and a folder/);
});

test('runningStep names the running test and the share finished', () => {
  expect(runningStep([{ type: 'loaded' }])).toBeUndefined();
  const collected = { type: 'collected' as const, tests: [{ id: 'a', name: 'adds', task: 1 }, { id: 'b', name: 'waits', task: 2 }] };
  expect(runningStep([collected, { type: 'start', id: 'a' }, { type: 'end', id: 'a', status: 'pass' }, { type: 'start', id: 'b' }])).toEqual({ step: 'running', label: 'Running: 2. waits', progress: 0.5 });
});
