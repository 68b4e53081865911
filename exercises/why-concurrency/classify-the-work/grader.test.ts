import { describe, expect, test } from 'vitest';
import { classify } from '#subject/classify.ts';
import { TASKS, type Kind, type TaskId } from '#support/tasks.ts';

// Why each job is what it is: the message a learner sees when their answer differs.
const REFERENCE: Record<TaskId, { kind: Kind; why: string }> = {
  'fetch-exchange-rates': {
    kind: 'io',
    why: 'the banks\' servers do the work; your program sends three requests and then only waits, so a faster CPU would change nothing',
  },
  'hash-passwords': {
    kind: 'cpu',
    why: '100,000 rounds of SHA-256 per password is arithmetic on your own CPU, with nothing to wait for',
  },
  'read-config-files': {
    kind: 'io',
    why: 'twelve small files take almost no computing; the time goes into waiting for the disk (and the operating system)',
  },
  'resize-photos': {
    kind: 'cpu',
    why: 'every pixel of 300 photos goes through your own JavaScript: the CPU is busy the whole time',
  },
  'query-orders': {
    kind: 'io',
    why: 'the database server runs the queries; your program waits for the rows to come back over the network',
  },
  'find-primes': {
    kind: 'cpu',
    why: 'a sieve up to 50 million is loops and arithmetic with no waiting at all',
  },
  'wait-for-webhook': {
    kind: 'io',
    why: 'nothing happens until the provider calls you: the job is pure waiting for an outside event',
  },
  'parse-huge-csv': {
    kind: 'cpu',
    why: 'the file is already in memory, so no I/O is left: splitting and validating 2 GB of rows keeps the CPU busy',
  },
};

const TOOL_FOR = { io: 'async', cpu: 'worker' } as const;
const TOOL_WHY = {
  io: 'waiting overlaps on one thread: start every request, then await them together (Python: asyncio.gather)',
  cpu: 'an async function still computes on the one JavaScript thread and blocks it; only a worker thread or a child process runs the work on another core (Python: multiprocessing)',
} as const;

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
    const kind = REFERENCE[id].kind;
    test(`${id} needs ${TOOL_FOR[kind] === 'async' ? 'async code' : 'a worker'}`, () => {
      expect(
        toolOf(id),
        `classify('${id}').tool: the job is ${kind === 'io' ? 'I/O-bound' : 'CPU-bound'} (${REFERENCE[id].why}), and ${TOOL_WHY[kind]}`,
      ).toBe(TOOL_FOR[kind]);
    });
  }
});
