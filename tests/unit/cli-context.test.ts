import { describe, expect, test } from 'vitest';
import { parseContext, UsageError } from '../../cli/context.ts';

describe('parseContext', () => {
  test('an id grades the workspace copy', () => {
    expect(parseContext(['event-loop/x'])).toEqual({ command: { kind: 'grade', query: 'event-loop/x', target: { kind: 'workspace' }, watch: false }, json: false });
  });
  test.each([
    [['x', '--solution'], { kind: 'solution' }],
    [['x', '--starter'], { kind: 'starter' }],
    [['x', '--file', 'a.ts'], { kind: 'file', path: 'a.ts' }],
    [['x', '--dir', 'd'], { kind: 'dir', path: 'd' }],
  ])('%j picks the target', (argv, target) => {
    expect(parseContext(argv).command).toMatchObject({ kind: 'grade', target });
  });
  test('--all, --list, --hint, --watch, --json', () => {
    expect(parseContext(['--all', '--solution']).command).toEqual({ kind: 'all', target: { kind: 'solution' } });
    expect(parseContext(['--list']).command).toEqual({ kind: 'list' });
    expect(parseContext(['x', '--hint']).command).toEqual({ kind: 'hint', query: 'x' });
    expect(parseContext(['x', '--watch']).command).toMatchObject({ kind: 'grade', watch: true });
    expect(parseContext(['x', '--json']).json).toBe(true);
  });
  test.each([
    [[], /Which exercise/],
    [['a', 'b'], /one exercise id/],
    [['x', '--solution', '--starter'], /Choose one of/],
    [['x', '--file'], /argument missing|--file/],
    [['x', '--bogus'], /Unknown option/],
    [['--list', 'x'], /--list takes no/],
    [['x', '--all'], /leave out the exercise id/],
    [['--all', '--file', 'a.ts'], /--all cannot be combined/],
    [['x', '--watch', '--json'], /cannot be combined with --json/],
    [['x', '--watch', '--solution'], /your own code/],
    [['x', '--hint', '--solution'], /--hint takes only/],
    [['--list', '--all'], /cannot be combined/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseContext(argv)).toThrow(UsageError);
    expect(() => parseContext(argv)).toThrow(message);
  });
});
