import { describe, expect, test } from 'vitest';
import { classify } from '#subject/classify.ts';
import { TASKS, type Kind, type TaskId, type Tool } from '#support/tasks.ts';

// Why each job is what it is, and which tool helps it: the messages a learner sees when their answer differs.
const YOUR_OWN_CODE =
  'code you write in JavaScript runs on the one JavaScript thread, even inside an async function, and blocks it while it computes; only a worker thread or a child process runs it on another core (Python: multiprocessing)';
const WAITING = 'waiting overlaps on one thread: start every request, then await them together (Python: asyncio.gather)';

const REFERENCE: Record<TaskId, { kind: Kind; tool: Tool; why: string; toolWhy: string }> = {
  'fetch-exchange-rates': {
    kind: 'io',
    tool: 'async',
    why: 'the banks\' servers do the work; your program sends three requests and then only waits, so a faster CPU would change nothing',
    toolWhy: WAITING,
  },
  'hash-passwords': {
    kind: 'cpu',
    tool: 'worker',
    why: 'the hashing loop is your own JavaScript: 100,000 rounds of SHA-256 per password is arithmetic on your CPU, with nothing to wait for',
    toolWhy: YOUR_OWN_CODE,
  },
  'hash-with-node-crypto': {
    kind: 'cpu',
    tool: 'async',
    why: '100,000 rounds of SHA-256 per password is arithmetic with nothing to wait for: a faster CPU would finish it sooner, whichever thread runs it',
    toolWhy:
      "the asynchronous crypto.pbkdf2 already computes on libuv's thread pool, off the JavaScript thread, and only calls back with the result. Your code just starts the hashes and awaits them (promisified, with Promise.all), so a worker would only add one more thread that waits (Python: hashlib.pbkdf2_hmac releases the GIL, so asyncio.to_thread is enough)",
  },
  'read-config-files': {
    kind: 'io',
    tool: 'async',
    why: 'twelve small files take almost no computing; the time goes into waiting for the disk (and the operating system)',
    toolWhy: WAITING,
  },
  'resize-photos': {
    kind: 'cpu',
    tool: 'worker',
    why: 'every pixel of 300 photos goes through your own JavaScript: the CPU is busy the whole time',
    toolWhy: YOUR_OWN_CODE,
  },
  'query-orders': {
    kind: 'io',
    tool: 'async',
    why: 'the database server runs the queries; your program waits for the rows to come back over the network',
    toolWhy: WAITING,
  },
  'find-primes': {
    kind: 'cpu',
    tool: 'worker',
    why: 'a sieve up to 50 million is loops and arithmetic with no waiting at all',
    toolWhy: YOUR_OWN_CODE,
  },
  'wait-for-webhook': {
    kind: 'io',
    tool: 'async',
    why: 'nothing happens until the provider calls you: the job is pure waiting for an outside event',
    toolWhy: WAITING,
  },
  'parse-huge-csv': {
    kind: 'cpu',
    tool: 'worker',
    why: 'the file is already in memory, so no I/O is left: splitting and validating 2 GB of rows keeps the CPU busy',
    toolWhy: YOUR_OWN_CODE,
  },
};

/** Calls the learner's classify, turning a throw into a readable failure. */
function answerFor(id: TaskId): unknown {
  try {
    return classify(id);
  } catch (error) {
    return `classify threw: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function kindOf(id: TaskId): unknown {
  const answer = answerFor(id);
  return typeof answer === 'object' && answer !== null ? (answer as { kind?: unknown }).kind : answer;
}

function toolOf(id: TaskId): unknown {
  const answer = answerFor(id);
  return typeof answer === 'object' && answer !== null ? (answer as { tool?: unknown }).tool : answer;
}

const ids = TASKS.map((task) => task.id);
const ioIds = ids.filter((id) => REFERENCE[id].kind === 'io');
const cpuIds = ids.filter((id) => REFERENCE[id].kind === 'cpu');

describe('1. Spot the jobs that wait', () => {
  for (const id of ioIds) {
    test(`${id} is I/O-bound`, () => {
      expect(kindOf(id), `classify('${id}').kind: it is I/O-bound because ${REFERENCE[id].why}`).toBe('io');
    });
  }
});

describe('2. Spot the jobs that compute', () => {
  for (const id of cpuIds) {
    test(`${id} is CPU-bound`, () => {
      expect(kindOf(id), `classify('${id}').kind: it is CPU-bound because ${REFERENCE[id].why}`).toBe('cpu');
    });
  }
});

describe('3. Pick the tool for each job', () => {
  for (const id of ids) {
    const { kind, tool, why, toolWhy } = REFERENCE[id];
    test(`${id} needs ${tool === 'async' ? 'async code' : 'a worker'}`, () => {
      expect(
        toolOf(id),
        `classify('${id}').tool: the job is ${kind === 'io' ? 'I/O-bound' : 'CPU-bound'} (${why}), and ${toolWhy}`,
      ).toBe(tool);
    });
  }
});
