// No generators: each helper returns an iterator object written by hand, as in the lesson's countdown sample. One
// small engine, pullFrom(), does the pulling and the closing; each helper only says what to do with a value:
// pass it on (possibly transformed) or stop. Unlike an async generator, this object does not queue overlapping
// next() calls; a for await reader never makes any.

type Decision<R> = { pass: R } | 'stop';

function pullFrom<T, R>(
  source: AsyncIterable<T>,
  limit: number, // how many values to pass on at most
  decide: (item: T, index: number) => Promise<Decision<R>>,
): AsyncGenerator<R> {
  let it: AsyncIterator<T> | undefined; // asked for only at the first next(): nothing is pulled before that
  let finished = false;
  let passed = 0;
  const done = (): IteratorResult<R> => ({ value: undefined, done: true });

  // Tells the source we are done with it (once), unless it has ended on its own.
  const close = async () => {
    if (finished) return;
    finished = true;
    await it?.return?.();
  };

  const self: AsyncGenerator<R> = {
    async next() {
      if (finished) return done();
      if (passed >= limit) {
        await close(); // take's n-th value was the last: close without pulling another
        return done();
      }
      it ??= source[Symbol.asyncIterator]();
      const result = await it.next();
      if (result.done) {
        finished = true; // the source has ended: nothing to close
        return done();
      }
      let decision: Decision<R>;
      try {
        decision = await decide(result.value, passed);
      } catch (error) {
        await close(); // fn failed: close the source, then hand the error to the reader
        throw error;
      }
      if (decision === 'stop') {
        await close();
        return done();
      }
      passed++;
      return { value: decision.pass, done: false };
    },
    async return() {
      await close(); // the reader left its loop early
      return done();
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return self;
    },
    async [Symbol.asyncDispose]() {
      await close();
    },
  };
  return self;
}

/** Yields the first `n` values of `source`, pulling each one only when asked. */
export function take<T>(source: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  return pullFrom(source, Math.max(n, 0), async (item) => ({ pass: item }));
}

/** Yields `await fn(item, index)` for each value of `source`, one at a time. */
export function mapAsync<T, R>(source: AsyncIterable<T>, fn: (item: T, index: number) => Promise<R> | R): AsyncGenerator<R> {
  return pullFrom(source, Infinity, async (item, index) => ({ pass: await fn(item, index) }));
}

/** Yields values while `predicate(value)` is true, then stops and closes the source. */
export function takeWhile<T>(source: AsyncIterable<T>, predicate: (item: T) => boolean): AsyncGenerator<T> {
  return pullFrom(source, Infinity, async (item) => (predicate(item) ? { pass: item } : 'stop'));
}
