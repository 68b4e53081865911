/**
 * The grading journal: one JSON event per line, appended while the grader runs.
 *
 * The worker writes test events with synchronous appends (see in-vitest/journal-setup.ts), so a run the
 * watchdog kills still leaves behind which tests passed and which one was running. Vitest's own reporter
 * messages are batched on a timer inside the worker, and a worker stuck in `while (true) {}` never
 * flushes them; that is why we do not rely on them for per-test results.
 */
export type JournalEvent =
  /** The worker is up; the grader is about to import the learner's code. */
  | { type: 'loaded' }
  /** Every test the grader declares, in order, with its numbered task. */
  | { type: 'collected'; tests: { id: string; name: string; task?: number | undefined }[] }
  | { type: 'start'; id: string }
  | {
      type: 'end';
      id: string;
      status: 'pass' | 'fail' | 'skip';
      message?: string | undefined;
      timedOut?: boolean;
      /** The test failed on a starter's `throw new Error('TODO: ...')`: the text, and the function it sits in (`retry()`). */
      todo?: { text: string; fn?: string | undefined } | undefined;
    }
  /** The grader file failed to load: usually a syntax error or a throw at the top of the learner's code. */
  | { type: 'module-error'; message: string }
  /** An error thrown outside any test, e.g. from a timer the learner's code left behind. */
  | { type: 'unhandled-error'; message: string }
  /** Timers the learner's code started and left running after the last test: a real process would not exit. */
  | { type: 'leaked-timers'; timers: string[] }
  /** Built-in globals (setTimeout, Promise, ...) that were replaced when the tests ended. */
  | { type: 'replaced-globals'; names: string[] }
  /**
   * Bytes the learner's code wrote to stdout and stderr (the pipe to the parent may lose some at teardown), and the
   * last of that text, written when the tests end.
   */
  | { type: 'output'; bytes: number; text?: string | undefined }
  /** Vitest finished and reported everything. */
  | { type: 'done' };

export const JOURNAL_FILE = 'journal.ndjson';

export function serializeEvent(event: JournalEvent): string {
  return JSON.stringify(event) + '\n';
}

/** Parses journal text. A last line cut short by a kill is ignored, as is anything that is not an event. */
export function parseJournalText(text: string): JournalEvent[] {
  const events: JournalEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && 'type' in value) events.push(value as JournalEvent);
    } catch {
      // A partial line from a killed process: the events before it are still good.
    }
  }
  return events;
}

/** Task number from a top-level describe such as `describe('2. Yield between chunks', ...)`. */
export function taskNumberOf(describeName: string | undefined): number | undefined {
  const match = describeName?.match(/^\s*(\d+)\./);
  return match ? Number(match[1]) : undefined;
}

// Vitest and the compiler colour their messages; a report is plain text.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const MAX_MESSAGE = 4000;

/** Plain, bounded text for a message, with the grading workspace's paths shown as the learner's file names. */
export function cleanMessage(text: string, workspaceDir?: string, max = MAX_MESSAGE): string {
  let out = text.replace(ANSI, '');
  if (workspaceDir) out = out.split(workspaceDir.replace(/\/$/, '') + '/').join('');
  out = out.replace(/(^|[\s(\[])subject\//g, '$1');
  return out.length > max ? out.slice(0, max) + '\n… (message cut)' : out;
}

// Vitest's assertion text is written for test authors. A learner needs the grader's label and one clean
// Expected/Received pair: no "// Object.is equality", no "+0", and no matcher sentence whose two strings are cut
// to the same 40 characters when the full pair follows anyway.
const MATCHER = /: expected .+ to (?:not )?(?:be|equal|deeply equal|strictly equal|contain|include|have|match|satisfy)\b.*$/;

/**
 * `expect(() => f()).not.toThrow()` reads "expected [Function] to not throw an error but 'Error: TODO: cre…' was
 * thrown", then a diff of `undefined` against the error. A learner needs: "<label>: it threw Error: ...".
 */
function tidyNotThrow(message: string): string | undefined {
  const [first, ...rest] = message.split('\n');
  const match = first!.match(/^(.*?):? ?expected \[Function[^\]]*\] to not throw an error but (.*) was thrown$/);
  if (!match) return undefined;
  const received = rest.join('\n').match(/\+ Received:\s*\n\s*(.+)/)?.[1]?.replace(/^"(.*)"$/, '$1') ?? match[2]!.replace(/^'(.*)'$/, '$1');
  return `${match[1] ? `${match[1]}: ` : ''}it threw ${received}`;
}

/** An assertion's message as a learner should read it (see above); other text is returned unchanged. */
export function tidyAssertion(message: string): string {
  const threw = tidyNotThrow(message);
  if (threw) return threw;
  const lines = message.split('\n').map((line) => line.replace(/ \/\/ Object\.is equality$/, ''));
  // A diff of one line against one line ("- true" / "+ false") repeats what the matcher sentence already says.
  const header = lines.indexOf('- Expected');
  if (
    header > 0 &&
    lines[header + 1] === '+ Received' &&
    lines[header + 2] === '' &&
    lines.length === header + 5 &&
    lines[header + 3]!.startsWith('- ') &&
    lines[header + 4]!.startsWith('+ ') &&
    / expected .+ to /.test(lines[0]!)
  ) {
    lines.splice(header);
  }
  const hasPair =
    (lines.some((l) => l.startsWith('Expected: ')) && lines.some((l) => l.startsWith('Received: '))) ||
    (lines.includes('- Expected') && lines.includes('+ Received'));
  if (hasPair) {
    const first = lines[0]!;
    const at = first.lastIndexOf(': expected ');
    if (at > 0 && MATCHER.test(first.slice(at))) lines[0] = first.slice(0, at);
  }
  return lines.join('\n').replace(/(^|[\s[(,:])\+0(?=$|[\s\]),])/gm, '$10');
}

/** An error as Vitest hands it over (serialised from the worker): only the fields read here. */
export interface ThrownLike {
  name?: string | undefined;
  message?: string | undefined;
  stack?: string | undefined;
  /** Vitest's kind of unhandled error: "Uncaught Exception", "Unhandled Rejection", ... */
  type?: string | undefined;
  /** The test that was running when it happened (set by Vitest on errors outside a test). */
  VITEST_TEST_NAME?: string | undefined;
}

/** A grader file that failed to load (a syntax error, a throw at the top of the learner's code), as one message. */
export function describeLoadError(error: { message?: string | undefined; name?: string | undefined; frame?: string | undefined }): string {
  const head =
    error.name && error.name !== 'Error' && !error.message?.startsWith(error.name) ? `${error.name}: ${error.message ?? ''}` : (error.message ?? String(error));
  return error.frame ? `${head}\n${error.frame}` : head;
}

const errorHead = (error: ThrownLike): string =>
  error.name && !error.message?.startsWith(error.name)
    ? `${error.name}: ${error.message ?? ''}`
    : error.message || (error.name ?? 'an error');

/** The learner's own frame nearest the throw, as `file.ts:line` (files under the workspace's subject/ folder). */
function learnerFrame(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const match = line.match(/[\\/]subject[\\/]([^():]+):(\d+)(?::\d+)?\)?\s*$/);
    if (match && !match[1]!.startsWith('support/')) return `${match[1]}:${match[2]}`;
  }
  return undefined;
}

/** Which kind of callback a stack was thrown from, judged by the frames Node and the fake clock put under it. */
function callbackKind(stack: string): string | undefined {
  if (/\bcallTimer\b/.test(stack)) return 'a timer callback (the test\'s fake clock ran it)';
  if (/\blistOnTimeout\b|\bprocessTimers\b/.test(stack)) return 'a setTimeout or setInterval callback';
  if (/\bprocessImmediate\b/.test(stack)) return 'a setImmediate callback';
  if (/\.emit \(node:events|\bemit \(node:events|EventTarget\.dispatchEvent|\[kOnExit\]|\bonexit\b/i.test(stack)) return 'an event listener';
  if (/\bprocessTicksAndRejections\b/.test(stack)) return 'a process.nextTick callback';
  return undefined;
}

/**
 * An error thrown where no test could catch it, in words a learner can act on: its type, which callback it came
 * from, where in their code, and the test that was running. An error that a timer callback throws does not reject
 * anyone's promise; printed as its bare text ("timed out after 100 ms") it reads as if the grader had timed out.
 */
export function describeUncaught(error: ThrownLike): string {
  const stack = error.stack ?? '';
  const where = learnerFrame(stack);
  const kind = callbackKind(stack);
  const during = error.VITEST_TEST_NAME ? `, while the test "${error.VITEST_TEST_NAME}" was running` : '';
  if (error.type === 'Unhandled Rejection') {
    return (
      `${errorHead(error)}\nA promise rejected with it and nothing handled the rejection${where ? ` (the error was created at ${where})` : ''}${during}. ` +
      'Await the promise, return it, or attach .catch() to it: Node ends a program on an unhandled rejection.'
    );
  }
  const from = (kind ?? 'a callback').replace(/ \((.*)\)$/, '');
  const note = kind?.match(/ \((.*)\)$/)?.[1];
  return (
    `${errorHead(error)}\nThrown from ${from}${where ? ` at ${where}` : ''}${note ? ` (${note})` : ''}, and not caught${during}. ` +
    'An error thrown inside a callback rejects no promise: in a real program it crashes the process. Catch it ' +
    'there, or pass it to reject().'
  );
}

/** Whether an error that failed a test was thrown from a callback (a timer the fake clock ran) rather than by the test's own calls. */
export function thrownFromCallback(error: ThrownLike): boolean {
  const stack = error.stack ?? '';
  return error.name !== 'AssertionError' && /\bcallTimer\b/.test(stack) && learnerFrame(stack) !== undefined;
}
