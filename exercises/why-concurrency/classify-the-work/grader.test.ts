import { describe, expect, test } from 'vitest';
import { classify } from '#subject/classify.ts';
import { TASKS, type Kind, type TaskId, type Tool } from '#support/tasks.ts';

// What a miss says: the job, and the question that decides it, never the answer itself (the last hint of each
// task has the answers, one --hint away).
const TOOL_QUESTION =
  "Ask who computes while the job runs: your own JavaScript on the one thread (an async function does not move " +
  "it anywhere else), Node on a thread of its own while your code only waits, or nobody (the job waits)";

const REFERENCE: Record<TaskId, { kind: Kind; tool: Tool; ask: string }> = {
  'fetch-exchange-rates': { kind: 'io', tool: 'async', ask: "while the three requests are out, who does the work: your CPU, or the banks' servers?" },
  'hash-passwords': { kind: 'cpu', tool: 'worker', ask: 'would a faster CPU finish 100,000 rounds of SHA-256 sooner, and whose code runs those rounds?' },
  'hash-with-node-crypto': {
    kind: 'cpu',
    tool: 'async',
    ask: 'would a faster CPU finish the hashing sooner, whichever thread runs it? And who runs it: your code, or crypto.pbkdf2 on libuv\'s thread pool?',
  },
  'read-config-files': { kind: 'io', tool: 'async', ask: 'for twelve small files, does the time go into computing, or into waiting for the disk?' },
  'resize-photos': { kind: 'cpu', tool: 'worker', ask: 'who works through every pixel of 300 photos, and is anything waited for meanwhile?' },
  'query-orders': { kind: 'io', tool: 'async', ask: 'who runs the queries: your program, or the database server while your program waits for rows?' },
  'find-primes': { kind: 'cpu', tool: 'worker', ask: 'is there anything to wait for in a sieve up to 50 million?' },
  'wait-for-webhook': { kind: 'io', tool: 'async', ask: 'what does your program do until the provider calls?' },
  'parse-huge-csv': { kind: 'cpu', tool: 'worker', ask: 'the file is already in memory: is anything left to wait for?' },
};

/** Calls the learner's classify, turning a throw into a readable failure. */
function answerFor(id: TaskId): unknown {
  try {
    return classify(id);
  } catch (error) {
    return `classify threw: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function field(id: TaskId, name: 'kind' | 'tool'): unknown {
  const answer = answerFor(id);
  return typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[name] : answer;
}

/** `right`, or what the learner answered, quoted: compared with 'right' so a miss never prints the answer. */
const judged = (answer: unknown, right: boolean) => (right ? 'right' : typeof answer === 'string' ? `'${answer}'` : String(answer));

const ids = TASKS.map((task) => task.id);

// Every task checks all nine jobs, so which jobs a task lists gives nothing away.
describe('1. Spot the jobs that wait', () => {
  for (const id of ids) {
    test(`${id}: does it wait?`, () => {
      const kind = field(id, 'kind');
      const waits = REFERENCE[id].kind === 'io';
      expect(
        judged(kind, (kind === 'io') === waits),
        `classify('${id}').kind: ${waits ? "this job's time goes into waiting, but your answer is not 'io'" : "your answer says this job waits ('io'), but its time goes elsewhere"}. Ask yourself: ${REFERENCE[id].ask}`,
      ).toBe('right');
    });
  }
});

describe('2. Spot the jobs that compute', () => {
  for (const id of ids) {
    test(`${id}: does it compute?`, () => {
      const kind = field(id, 'kind');
      const computes = REFERENCE[id].kind === 'cpu';
      expect(
        judged(kind, (kind === 'cpu') === computes),
        `classify('${id}').kind: ${computes ? "this job's time goes into computing, but your answer is not 'cpu'" : "your answer says this job computes ('cpu'), but its time goes elsewhere"}. Ask yourself: ${REFERENCE[id].ask}`,
      ).toBe('right');
    });
  }
});

describe('3. Pick the tool for each job', () => {
  for (const id of ids) {
    test(`${id}: the tool that helps it`, () => {
      const tool = field(id, 'tool');
      expect(
        judged(tool, tool === REFERENCE[id].tool),
        `classify('${id}').tool is not the tool that helps this job. ${TOOL_QUESTION}. For this job: ${REFERENCE[id].ask}`,
      ).toBe('right');
    });
  }
});
