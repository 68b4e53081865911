// Turns the events tracer.cjs recorded into the steps a <LoopTrace> shows: one step per thing that happened
// (a callback queued, started, printed, returned), each with the whole picture at that moment. Pure, so the
// browser never needs it: steps are computed when a trace is recorded and stored in the trace file.

export type QueueName = 'nextTick' | 'microtask' | 'timers' | 'check' | 'poll';
/** [function name ('' for an anonymous or top-level frame), line], innermost first. */
export type Frame = [string, number];

export type TraceEvent =
  | { t: 'schedule'; id: number; q: QueueName; via: string; frames: Frame[]; delay?: number }
  | { t: 'start'; id: number }
  | { t: 'end'; id: number }
  | { t: 'cancel'; id: number }
  | { t: 'log'; text: string; frames: Frame[] }
  | { t: 'cap'; after: number };

export type Phase = 'main' | 'timers' | 'pending' | 'poll' | 'check' | 'close';

export interface Step {
  /** The sample's line that is running (1-based), or null when no code of the sample is. */
  line: number | null;
  /** Bottom first: the callback Node called, then the sample's named functions it is inside. */
  stack: string[];
  nextTicks: string[];
  microtasks: string[];
  /** The phase of the loop whose callback is running, or ran last ('main' before the loop's first turn). */
  phase: Phase;
  /** What waits in each phase of the loop. */
  phases: { timers: string[]; pending: string[]; poll: string[]; check: string[]; close: string[] };
  output: string[];
  /** One sentence for screen readers, saying what this step did. */
  say: string;
}

const KIND: Record<string, string> = {
  setTimeout: 'timeout',
  setImmediate: 'immediate',
  nextTick: 'tick',
  queueMicrotask: 'microtask',
  'Promise.then': 'then',
  'Promise.catch': 'catch',
  'Promise.finally': 'finally',
  await: 'resume',
};
const kindOf = (via: string) => KIND[via] ?? via.replace(/^fs\./, '') + ' callback';
const QUEUE_WORDS: Record<QueueName, string> = {
  nextTick: 'the nextTick queue',
  microtask: 'the microtask queue',
  timers: 'the timers phase',
  check: 'the check phase',
  poll: 'the poll phase',
};
const PHASE_OF: Partial<Record<QueueName, Phase>> = { timers: 'timers', check: 'check', poll: 'poll' };
const MAX_LABEL = 32;
const shorten = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

interface Job {
  id: number;
  q: QueueName;
  via: string;
  line: number;
  delay: number;
  seq: number;
  label: string;
  /** The callback's own line that does its first recorded thing, for the step where it starts. */
  firstLine?: number;
}

/** Labels come from the code: the first line a callback prints, else its kind and the line that queued it. */
function describeJobs(events: TraceEvent[]): Map<number, Job> {
  const jobs = new Map<number, Job>();
  const running: number[] = [];
  let seq = 0;
  for (const e of events) {
    if (e.t === 'schedule') {
      jobs.set(e.id, { id: e.id, q: e.q, via: e.via, line: e.frames[0]?.[1] ?? 0, delay: Number(e.delay ?? 0), seq: seq++, label: '' });
    } else if (e.t === 'start') running.push(e.id);
    else if (e.t === 'end') running.pop();
    else if (e.t === 'log') {
      const job = jobs.get(running.at(-1) ?? -1);
      if (job && !job.label) job.label = `“${shorten(e.text.split('\n')[0]!)}”`;
    }
    const current = jobs.get(running.at(-1) ?? -1);
    if (current && current.firstLine === undefined && (e.t === 'log' || (e.t === 'schedule' && e.id !== current.id))) current.firstLine = e.frames.at(-1)?.[1] ?? current.line;
  }
  for (const job of jobs.values()) if (!job.label) job.label = `${kindOf(job.via)} @ line ${job.line}`;
  return jobs;
}

const MAIN = 'main script';

export interface BuiltTrace {
  steps: Step[];
  output: string[];
  /** Set when the tracer stopped recording after this many events (a sample that runs for long). */
  cappedAfter?: number;
}

export function buildSteps(events: TraceEvent[]): BuiltTrace {
  const started = new Set(events.flatMap((e) => (e.t === 'start' ? [e.id] : [])));
  const cancelled = new Set(events.flatMap((e) => (e.t === 'cancel' ? [e.id] : [])));
  // A promise job that never starts was never a job (see tracer.cjs); a timer that never ran still waited.
  const kept = events.filter((e) => e.t !== 'schedule' || e.q !== 'microtask' || started.has(e.id) || cancelled.has(e.id));
  const jobs = describeJobs(kept);

  const queues: Record<QueueName, Job[]> = { nextTick: [], microtask: [], timers: [], check: [], poll: [] };
  const running: { job: Job | undefined; label: string }[] = [{ job: undefined, label: MAIN }];
  const output: string[] = [];
  const steps: Step[] = [];
  let phase: Phase = 'main';
  let line: number | null = null;
  let frames: Frame[] = [];
  let cappedAfter: number | undefined;

  const byDue = (a: Job, b: Job) => a.delay - b.delay || a.seq - b.seq;
  const snapshot = (say: string): void => {
    const named = frames.filter(([name]) => name).map(([name]) => `${name}()`).reverse();
    steps.push({
      line,
      stack: running.length ? [...running.map((r) => r.label), ...named] : [],
      nextTicks: queues.nextTick.map((j) => j.label),
      microtasks: queues.microtask.map((j) => j.label),
      phase,
      phases: {
        timers: [...queues.timers].sort(byDue).map((j) => j.label),
        pending: [],
        poll: queues.poll.map((j) => j.label),
        check: queues.check.map((j) => j.label),
        close: [],
      },
      output: [...output],
      say,
    });
  };
  const remove = (job: Job) => {
    const queue = queues[job.q];
    const at = queue.indexOf(job);
    if (at >= 0) queue.splice(at, 1);
  };

  line = firstLine(kept);
  snapshot(`Node runs the main script from the top${line ? `, line ${line}` : ''}.`);
  for (const e of kept) {
    if (e.t === 'cap') {
      cappedAfter = e.after;
      continue;
    }
    if (cappedAfter !== undefined) {
      // Past the cap only printed lines are known; they come in one last step below.
      if (e.t === 'log') output.push(...e.text.split('\n'));
      continue;
    }
    if (e.t === 'schedule') {
      const job = jobs.get(e.id)!;
      queues[job.q].push(job);
      line = job.line;
      frames = e.frames;
      const delay = job.q === 'timers' ? ` (after ${job.delay} ms)` : '';
      snapshot(
        e.via === 'await'
          ? `Line ${job.line} pauses the async function; ${job.label} goes in ${QUEUE_WORDS[job.q]}.`
          : `Line ${job.line}: ${e.via} puts ${job.label} in ${QUEUE_WORDS[job.q]}${delay}.`,
      );
    } else if (e.t === 'cancel') {
      const job = jobs.get(e.id);
      if (!job) continue;
      remove(job);
      snapshot(`${job.label} is cancelled and leaves ${QUEUE_WORDS[job.q]}.`);
    } else if (e.t === 'start') {
      const job = jobs.get(e.id)!;
      if (running.length === 1 && running[0]!.label === MAIN) {
        running.pop();
        line = null;
        frames = [];
        snapshot('The main script has finished: the call stack is empty, so Node turns to its queues.');
      }
      remove(job);
      const phaseNow = PHASE_OF[job.q];
      if (phaseNow) phase = phaseNow;
      running.push({ job, label: job.label });
      line = job.firstLine ?? job.line;
      frames = [];
      snapshot(startSentence(job, phase));
    } else if (e.t === 'end') {
      const done = running.pop();
      frames = [];
      line = null;
      snapshot(`${done?.label ?? 'The callback'} returns${running.length ? '' : '; the call stack is empty'}.`);
    } else if (e.t === 'log') {
      output.push(...e.text.split('\n'));
      line = e.frames[0]?.[1] ?? line;
      frames = e.frames;
      snapshot(`Line ${line} prints “${e.text}”.`);
    }
  }
  if (cappedAfter !== undefined) {
    for (const q of Object.values(queues)) q.length = 0;
    running.length = 0;
    line = null;
    frames = [];
    snapshot(`The trace stops after ${cappedAfter} recorded events; the program goes on the same way and prints the rest of its output.`);
  } else if (running.length) {
    // A main script that queued nothing ends without a later start to show it.
    running.length = 0;
    line = null;
    snapshot('The main script has finished and nothing waits in any queue.');
  }
  const last = steps.at(-1)!;
  if (cappedAfter === undefined && !last.say.includes('exits')) last.say += ' Nothing is left to run, so the process exits.';
  return { steps, output, ...(cappedAfter !== undefined ? { cappedAfter } : {}) };
}

function firstLine(events: TraceEvent[]): number | null {
  for (const e of events) if (e.t === 'log' || e.t === 'schedule') return e.frames[0]?.[1] ?? null;
  return null;
}

function startSentence(job: Job, phase: Phase): string {
  if (job.q === 'nextTick') return `Node empties the nextTick queue: it runs ${job.label}.`;
  if (job.q === 'microtask') return `V8 empties the microtask queue: it runs ${job.label}.`;
  return `The loop's ${phase} phase runs ${job.label}.`;
}
