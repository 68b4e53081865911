import { beforeEach, describe, expect, test } from 'vitest';
import { findUser, loadProfile, loadUser, renderPage } from '#subject/trail.ts';
import { BROKEN_USER, DbError, connect, events, resetEvents } from '#support/db.ts';

beforeEach(() => {
  resetEvents();
});

/** The error a promise rejected with, or a description of the value it resolved with instead. */
const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => new Error(`no error: it resolved with ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );

/** How a promise settled: `{ value }` or `{ error }`. */
const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** An error as `DbError ECONNCLOSED (connection closed while a query was running)`: its name, code and message. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''} (${error.message})`;
}

/**
 * The names of the functions in an error's stack trace, top first; async frames (those V8 adds for the functions
 * awaiting the one that failed) are prefixed with "async ". Read from V8's call sites rather than from the text,
 * whose format depends on the tools that print it; the error's `stack` becomes the same short list.
 */
function framesOf(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const original = Error.prepareStackTrace;
  let frames: string[] | undefined;
  Error.prepareStackTrace = (e, sites) => {
    frames = sites.map((site) => `${site.isAsync() ? 'async ' : ''}${site.getFunctionName() ?? '<anonymous>'}`);
    return [String(e), ...frames.map((f) => `    at ${f}`)].join('\n');
  };
  try {
    const stack = error.stack ?? '';
    // If the stack had already been read, V8 does not ask again: fall back to the text.
    frames ??= stack
      .split('\n')
      .map((line) => /^\s*at (async )?([^\s(]+)/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `${m[1] ?? ''}${m[2]}`);
  } finally {
    Error.prepareStackTrace = original;
  }
  return frames;
}

/** The frames whose function has one of `names`, without the "async " prefix, in stack order. */
const named = (frames: string[], names: string[]) => frames.map((f) => f.replace(/^async /, '')).filter((f) => names.includes(f));

describe("1. Keep the driver's error", () => {
  test('resolves with the user, or null when there is none', async () => {
    const conn = connect();
    expect(await findUser(conn, 1), 'findUser(conn, 1)').toEqual({ id: 1, name: 'Ada Lovelace' });
    expect(await findUser(conn, 99), 'findUser(conn, 99), a user that does not exist').toBeNull();
    conn.close();
  });

  test("rejects with the driver's own error, code included", async () => {
    const conn = connect();
    const error = await rejectionOf(findUser(conn, BROKEN_USER));
    conn.close();
    expect(error, `what findUser(conn, ${BROKEN_USER}) rejected with: the DbError the driver passed to the callback, not a copy`).toBeInstanceOf(DbError);
    expect((error as DbError).code, 'its code').toBe('ECONNRESET');
  });
});

describe('2. Wrap the failure with a cause, after the answer', () => {
  test('closes the connection after the query has answered', async () => {
    const outcome = await outcomeOf(loadUser(2));
    if ('error' in outcome) {
      // Say where the error came from and what the driver saw, not just the driver's bare message.
      const got = events.join(', ');
      const closedFirst = got.indexOf('close #1') >= 0 && got.indexOf('close #1') < got.indexOf('answer #1');
      expect(
        `rejected with ${describeError(outcome.error)}; driver: ${got}`,
        "how loadUser(2) settled, and the driver's events" +
          (closedFirst
            ? '. The connection was closed before the query answered (close #1 came before answer #1), so the ' +
              'driver failed the query with ECONNCLOSED. The finally block ran while the query was still running: ' +
              'a promise returned from inside try without being awaited lets loadUser leave the try before it settles'
            : ''),
      ).toBe('resolved with user 2 (Grace Hopper); driver: connect #1, query #1 user 2, answer #1, close #1');
    }
    expect((outcome as { value?: unknown }).value, 'what loadUser(2) resolved with').toEqual({ id: 2, name: 'Grace Hopper' });
    expect(events.join(', '), "the driver's events for loadUser(2)").toBe('connect #1, query #1 user 2, answer #1, close #1');
  });

  test('closes the connection after a failed query too', async () => {
    await rejectionOf(loadUser(BROKEN_USER));
    expect(events.join(', '), `the driver's events for loadUser(${BROKEN_USER})`).toBe(
      `connect #1, query #1 user ${BROKEN_USER}, answer #1: ECONNRESET, close #1`,
    );
  });

  test("rejects with 'could not load user <id>', the driver's error as its cause", async () => {
    const error = await rejectionOf(loadUser(BROKEN_USER));
    expect(error, `what loadUser(${BROKEN_USER}) rejected with`).toBeInstanceOf(Error);
    expect((error as Error).message, 'its message').toBe(`could not load user ${BROKEN_USER}`);
    const cause = (error as Error).cause;
    expect(cause, "its cause: the driver's DbError (new Error(message, { cause }))").toBeInstanceOf(DbError);
    expect((cause as DbError).code, "the cause's code").toBe('ECONNRESET');
  });

  test('the new error is created in loadUser, so its stack starts there', async () => {
    const error = await rejectionOf(loadUser(BROKEN_USER));
    const frames = framesOf(error);
    expect(named(frames, ['loadUser']), `functions in the stack of the error loadUser(${BROKEN_USER}) rejected with: ${frames.join(' < ')}`).toEqual([
      'loadUser',
    ]);
  });
});

describe('3. Keep every caller in the trail', () => {
  test('renders the page of a user, or says there is none', async () => {
    expect(await renderPage(1), 'renderPage(1)').toBe('<h1>Ada Lovelace (AL)</h1>');
    expect(await renderPage(99), 'renderPage(99)').toBe('<h1>No such user</h1>');
    expect(await loadProfile(2), 'loadProfile(2)').toEqual({ id: 2, name: 'Grace Hopper', initials: 'GH' });
  });

  test('the error renderPage rejects with names loadUser, loadProfile and renderPage, in that order', async () => {
    const error = await rejectionOf(renderPage(BROKEN_USER));
    expect((error as Error).message, `the message of the error renderPage(${BROKEN_USER}) rejected with`).toBe(
      `could not load user ${BROKEN_USER}`,
    );
    const frames = framesOf(error);
    expect(
      named(frames, ['loadUser', 'loadProfile', 'renderPage']).join(' < '),
      `our functions in its stack (the whole stack: ${frames.join(' < ')}). A function that returns a .then chain instead of awaiting drops out of the trail`,
    ).toBe('loadUser < loadProfile < renderPage');
  });

  test('the error loadProfile rejects with names loadUser and loadProfile', async () => {
    const error = await rejectionOf(loadProfile(BROKEN_USER));
    const frames = framesOf(error);
    expect(
      named(frames, ['loadUser', 'loadProfile', 'renderPage']).join(' < '),
      `our functions in the stack of the error loadProfile(${BROKEN_USER}) rejected with (the whole stack: ${frames.join(' < ')})`,
    ).toBe('loadUser < loadProfile');
  });
});
