// Output recorded from real Node and kept inside a hidden grader. Two graders compare a learner's answer with
// what Node does: predict-the-order with what its support/ programs print, mini-event-loop with the order Node
// logs for two scenarios. Running Node while grading tied the verdict to whatever runtime was grading:
// WebContainer's event loop has been reported to order callbacks differently, and an in-page runtime cannot start
// a process at all. So each grader holds the output, recorded from Node 20 and Node 24, in a marked block; this
// module reads and rewrites that block and makes fresh recordings. tests/exercises/recorded-output.test.ts records
// again on both Nodes to catch a stale block, and `npm run record-output` rewrites it.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cleanEnv } from '../runner/clean-env.ts';
import { PROJECT_ROOT } from './load.ts';

// The block: a begin line, one `const NAME: Type = <JSON>;` and an end line. Text after a marker on its line is
// free (it says who maintains the block). The type annotation may not contain `=`.
export const BEGIN_MARKER = '// recorded from Node: begin';
export const END_MARKER = '// recorded from Node: end';

/** A record block that cannot be found or parsed; the message names the file. */
export class RecordBlockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordBlockError';
  }
}

interface Located {
  /** Lines up to and including `const NAME: Type =`, and from the end marker on. */
  before: string;
  after: string;
  initialiser: string;
}

const DECLARATION = /^(\s*const\s+[A-Za-z_$][\w$]*\s*(?::[^=]*)?=)\s*([\s\S]*?)\s*;?\s*$/;

function locate(text: string, file: string): Located {
  const lines = text.split('\n');
  const where = (marker: string): number[] =>
    lines.flatMap((line, i) => (line.trimStart().startsWith(marker) ? [i] : []));
  const begins = where(BEGIN_MARKER);
  const ends = where(END_MARKER);
  if (begins.length !== 1 || ends.length !== 1) {
    throw new RecordBlockError(
      `${file}: expected one line starting "${BEGIN_MARKER}" and one starting "${END_MARKER}", ` +
        `found ${begins.length} and ${ends.length}`,
    );
  }
  const [begin, end] = [begins[0]!, ends[0]!];
  if (end < begin) throw new RecordBlockError(`${file}: "${END_MARKER}" comes before "${BEGIN_MARKER}"`);
  const inner = lines.slice(begin + 1, end).join('\n');
  const match = DECLARATION.exec(inner);
  if (!match) {
    throw new RecordBlockError(`${file}: between the record markers there must be one \`const NAME: Type = <JSON>;\``);
  }
  return {
    before: [...lines.slice(0, begin + 1), match[1]!].join('\n'),
    initialiser: match[2]!,
    after: lines.slice(end).join('\n'),
  };
}

/** The value of the record block in a grader's text (`file` only names it in errors). */
export function parseRecord(text: string, file: string): unknown {
  const { initialiser } = locate(text, file);
  try {
    return JSON.parse(initialiser);
  } catch (error) {
    throw new RecordBlockError(`${file}: the record block's value is not JSON: ${(error as Error).message}`);
  }
}

/** The record block of a grader file on disk. */
export function readRecord(path: string): unknown {
  return parseRecord(readFileSync(path, 'utf8'), relative(PROJECT_ROOT, path));
}

/** Object keys sorted at every depth, so that a rewrite changes only what was recorded differently. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortedKeys(inner)]));
}

/** The grader's text with the record block's value replaced by `value` (2-space JSON, keys sorted). */
export function replaceRecord(text: string, value: unknown, file: string): string {
  const { before, after } = locate(text, file);
  return `${before} ${JSON.stringify(sortedKeys(value), null, 2)};\n${after}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What changed between two records, one line per entry that differs, named by its path (`scenario / prints`):
 * objects are compared key by key, anything else as a whole. Empty when nothing changed.
 */
export function recordChanges(before: unknown, after: unknown, path = ''): string[] {
  const show = (value: unknown) => JSON.stringify(sortedKeys(value));
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return show(before) === show(after) ? [] : [`changed ${path || 'the record'}: ${show(before)} -> ${show(after)}`];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const at = path ? `${path} / ${key}` : key;
    if (!(key in before)) return [`added ${at}: ${show(after[key])}`];
    if (!(key in after)) return [`removed ${at}`];
    return recordChanges(before[key], after[key], at);
  });
}

// Recording.

/** Runs a job now or later; a limiter keeps the number of Node processes at once small. */
export type Schedule = <T>(job: () => Promise<T>) => Promise<T>;

const now: Schedule = (job) => job();

/** stdout of a Node process; rejects, naming `what` and the Node, when it fails, writes to stderr or takes 10 s. */
function stdoutOf(nodePath: string, args: string[], cwd: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(nodePath, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
      // A record must come from a clean run: a warning on stderr may mean the program did not run as written.
      if (error || stderr) reject(new Error(`${what} on ${nodePath}: ${error ? error.message : `stderr: ${stderr}`}`));
      else resolve(stdout);
    });
  });
}

/** The programs of predict-the-order's support/ folder (`.mjs` and `.cjs`), sorted by name. */
export function programsIn(supportDir: string): string[] {
  return readdirSync(supportDir)
    .filter((name) => /\.(mjs|cjs)$/.test(name))
    .sort();
}

/** The non-empty lines one program prints, run with the Node at `nodePath` from its own folder. */
export async function linesPrintedBy(nodePath: string, supportDir: string, program: string): Promise<string[]> {
  const stdout = await stdoutOf(nodePath, [join(supportDir, program)], supportDir, program);
  return stdout.split(/\r?\n/).filter((line) => line !== '');
}

/**
 * A mini-event-loop scenario body as a Node program: an ES module in which `api` has Node's own functions behind
 * it, printing the logged lines as JSON when the process exits. The grader runs the same body on the learner's
 * MiniLoop with the loop's methods behind `api`.
 */
export function scenarioProgram(body: string): string {
  return `
const lines = [];
const api = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  setImmediate: (callback) => setImmediate(callback),
  queueMicrotask: (callback) => queueMicrotask(callback),
  nextTick: (callback) => process.nextTick(callback),
  busy: (ms) => { const end = performance.now() + ms; while (performance.now() < end); },
  log: (line) => lines.push(line),
};
process.on('exit', () => process.stdout.write(JSON.stringify(lines)));
((api) => {
${body}
})(api);
`;
}

/** The lines a scenario body logs on the Node at `nodePath` (`what` names it in errors). */
export async function linesLoggedBy(nodePath: string, body: string, what = 'a scenario'): Promise<string[]> {
  const stdout = await stdoutOf(nodePath, ['--input-type=module', '-e', scenarioProgram(body)], PROJECT_ROOT, what);
  return JSON.parse(stdout) as string[];
}

/** A grader whose block holds output recorded from Node, and how to record it afresh. */
export interface RecordedGrader {
  exercise: string;
  /** Absolute path of the grader file. */
  grader: string;
  /** A fresh record made on the Node at `nodePath`; `stored` is the block's value now (scenarios keep their body). */
  record(nodePath: string, stored: unknown, schedule?: Schedule): Promise<Record<string, unknown>>;
}

const PREDICT_DIR = join(PROJECT_ROOT, 'exercises/event-loop/predict-the-order');
/** The programs whose output predict-the-order's grader records. */
export const PREDICT_SUPPORT_DIR = join(PREDICT_DIR, 'support');

/** predict-the-order: `{ "<program file>": [lines it prints] }`, one entry per program in support/. */
export const predictTheOrder: RecordedGrader = {
  exercise: 'event-loop/predict-the-order',
  grader: join(PREDICT_DIR, 'grader.test.ts'),
  async record(nodePath, _stored, schedule = now) {
    const programs = programsIn(PREDICT_SUPPORT_DIR);
    const printed = await Promise.all(programs.map((p) => schedule(() => linesPrintedBy(nodePath, PREDICT_SUPPORT_DIR, p))));
    return Object.fromEntries(programs.map((program, i) => [program, printed[i]!]));
  },
};

export interface Scenario {
  /** The body's lines: JavaScript that uses only `api`. */
  body: string[];
  /** The lines Node logs for it, in order. */
  prints: string[];
}

/** The scenarios of a mini-event-loop record, checked for shape: their bodies are written by hand. */
export function scenariosOf(stored: unknown, file: string): Record<string, Scenario> {
  const isLines = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((line) => typeof line === 'string');
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new RecordBlockError(`${file}: the record must be an object of scenarios, { "<what>": { "body": [...], "prints": [...] } }`);
  }
  for (const [what, scenario] of Object.entries(stored)) {
    const { body, prints } = (scenario ?? {}) as Partial<Scenario>;
    if (!isLines(body) || !isLines(prints)) {
      throw new RecordBlockError(`${file}: scenario "${what}" needs "body" and "prints", each an array of strings`);
    }
  }
  return stored as Record<string, Scenario>;
}

const MINI_GRADER = join(PROJECT_ROOT, 'exercises/event-loop/mini-event-loop/grader.test.ts');

/** mini-event-loop: `{ "<what>": { "body": [lines], "prints": [lines Node logs] } }`; only `prints` is recorded. */
export const miniEventLoop: RecordedGrader = {
  exercise: 'event-loop/mini-event-loop',
  grader: MINI_GRADER,
  async record(nodePath, stored, schedule = now) {
    const scenarios = Object.entries(scenariosOf(stored, relative(PROJECT_ROOT, MINI_GRADER)));
    const logged = await Promise.all(
      scenarios.map(([what, s]) => schedule(() => linesLoggedBy(nodePath, s.body.join('\n'), `scenario "${what}"`))),
    );
    return Object.fromEntries(scenarios.map(([what, s], i) => [what, { body: s.body, prints: logged[i]! }]));
  },
};

export const RECORDED_GRADERS: readonly RecordedGrader[] = [predictTheOrder, miniEventLoop];
