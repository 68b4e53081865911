// Follows the grading journal while Vitest runs in WebContainer: the learner sees which test runs, and if the
// container stops answering when the watchdog fires, the last text read here still says how far the run got.
import { parseJournalText, type JournalEvent } from '../grading/journal.ts';
import type { SandboxStep } from './runtime.ts';

export interface JournalFollower {
  /** The journal as last read (empty before the first read). */
  readonly lastText: string;
  stop(): void;
}

/** Reads the journal every `intervalMs` (never two reads at once) and reports each change. */
export function followJournal(read: () => Promise<string>, intervalMs: number, onChange: (events: JournalEvent[]) => void): JournalFollower {
  let lastText = '';
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async (): Promise<void> => {
    try {
      const text = await read();
      if (stopped || text === lastText) return;
      lastText = text;
      onChange(parseJournalText(text));
    } catch {
      // Written concurrently, or the container is busy: the next tick reads again.
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    }
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return {
    get lastText() {
      return lastText;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** "Running: 2. …" with the share of tests finished, or undefined before the grader has listed its tests. */
export function runningStep(events: JournalEvent[]): SandboxStep | undefined {
  const declared = events.flatMap((e) => (e.type === 'collected' ? e.tests : []));
  if (!declared.length) return undefined;
  const started = new Set(events.flatMap((e) => (e.type === 'start' ? [e.id] : [])));
  const ended = new Set(events.flatMap((e) => (e.type === 'end' ? [e.id] : [])));
  const current = declared.find((t) => started.has(t.id) && !ended.has(t.id));
  const done = declared.filter((t) => ended.has(t.id)).length;
  const label = current ? `Running: ${current.task === undefined ? '' : `${current.task}. `}${current.name}` : `Ran ${done} of ${declared.length} tests`;
  return { step: 'running', label, progress: done / declared.length };
}
