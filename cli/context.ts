// argv -> a typed context. Every combination the contract forbids becomes a UsageError (exit code 2).
import { parseArgs } from 'node:util';

export type Target =
  | { kind: 'workspace' }
  | { kind: 'solution' }
  | { kind: 'starter' }
  | { kind: 'file'; path: string }
  | { kind: 'dir'; path: string };

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'hint'; query: string }
  | { kind: 'grade'; query: string; target: Target; watch: boolean }
  | { kind: 'all'; target: Target };

export interface Context {
  command: Command;
  json: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseContext(argv: string[]): Context {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        solution: { type: 'boolean' },
        starter: { type: 'boolean' },
        file: { type: 'string' },
        dir: { type: 'string' },
        json: { type: 'boolean' },
        watch: { type: 'boolean' },
        hint: { type: 'boolean' },
        list: { type: 'boolean' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  const { values: v, positionals } = parsed;
  const json = v.json ?? false;
  if (v.help) return { command: { kind: 'help' }, json };
  if (positionals.length > 1) throw new UsageError(`Expected one exercise id, got ${positionals.length}: ${positionals.join(' ')}`);
  const query = positionals[0];

  const targets = (['solution', 'starter', 'file', 'dir'] as const).filter((k) => v[k] !== undefined && v[k] !== false);
  if (targets.length > 1) throw new UsageError(`Choose one of --solution, --starter, --file and --dir (got --${targets.join(', --')})`);
  const target: Target = v.solution
    ? { kind: 'solution' }
    : v.starter
      ? { kind: 'starter' }
      : v.file !== undefined
        ? { kind: 'file', path: v.file }
        : v.dir !== undefined
          ? { kind: 'dir', path: v.dir }
          : { kind: 'workspace' };

  const modes = (['list', 'all', 'hint', 'watch'] as const).filter((k) => v[k]);
  if (modes.length > 1) throw new UsageError(`--${modes.join(' and --')} cannot be combined`);

  if (v.list) {
    if (query || targets.length) throw new UsageError('--list takes no exercise id and no --solution/--starter/--file/--dir');
    return { command: { kind: 'list' }, json };
  }
  if (v.all) {
    if (query) throw new UsageError('--all grades every exercise: leave out the exercise id');
    if (target.kind === 'file' || target.kind === 'dir') throw new UsageError('--all cannot be combined with --file or --dir');
    return { command: { kind: 'all', target }, json };
  }
  if (!query) throw new UsageError('Which exercise? Give its id, e.g. npm run grade -- event-loop/predict-the-order (npm run grade -- --list shows them all)');
  if (v.hint) {
    if (targets.length) throw new UsageError('--hint takes only an exercise id');
    return { command: { kind: 'hint', query }, json };
  }
  if (v.watch && json) throw new UsageError('--watch prints for a person; it cannot be combined with --json');
  if (v.watch && (target.kind === 'solution' || target.kind === 'starter')) {
    throw new UsageError('--watch re-grades your own code on save: use it without --solution or --starter');
  }
  return { command: { kind: 'grade', query, target, watch: v.watch ?? false }, json };
}
