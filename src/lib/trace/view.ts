// What a <LoopTrace> needs from a stored trace file, in the shape the page uses: one "choice" per distinct
// recording (a Node version whose trace differs, an order Node does not fix). Shared by the server-rendered
// first step and the client stepper, so it imports types only.
import type { Step } from './steps.ts';

export interface TraceChoice {
  /** For the switch between choices, e.g. "Node 24 and 20" or "Node 24 and 20, order B: “timeout” first". */
  label: string;
  steps: Step[];
  /** Set when the recording stopped early (see MAX_EVENTS in record.ts). */
  cappedAfter?: number;
}
export interface TraceView {
  sample: string;
  code: string;
  choices: TraceChoice[];
}

interface StoredOrder {
  output: string[];
  cappedAfter?: number;
  steps: Step[];
}
interface StoredFile {
  sample: string;
  code: string;
  node: Record<string, { orders: StoredOrder[] } | string>;
}

const LETTERS = 'ABCDEFGH';

export function traceView(file: StoredFile): TraceView {
  const majors = Object.keys(file.node).sort((a, b) => Number(b) - Number(a));
  const groups = majors.filter((m) => typeof file.node[m] !== 'string').map((m) => ({ majors: [m], orders: (file.node[m] as { orders: StoredOrder[] }).orders }));
  for (const m of majors) {
    const ref = file.node[m];
    if (typeof ref === 'string') groups.find((g) => g.majors.includes(ref.replace('same as ', '')))?.majors.push(m);
  }
  const choices = groups.flatMap((g) => {
    const node = `Node ${g.majors.join(' and ')}`;
    return g.orders.map((order, i) => {
      // An order is named by the first line where it parts from the others.
      const parting = order.output.find((line, at) => g.orders.some((o) => o.output[at] !== line));
      const label = g.orders.length > 1 ? `${node}, order ${LETTERS[i]}: “${parting ?? order.output[0]}” first` : node;
      return { label, steps: order.steps, ...(order.cappedAfter !== undefined ? { cappedAfter: order.cappedAfter } : {}) };
    });
  });
  return { sample: file.sample, code: file.code, choices };
}

/** Where the site serves a sample's view as JSON (src/pages/traces/[...sample].json.ts). */
export const traceUrl = (base: string, sample: string) => `${base.replace(/\/?$/, '/')}traces/${sample}.json`;

/** The element id of a sample's stepper: LoopTrace.astro sets it, and the sample's "Step through it" link points at it. */
export const stepperId = (sample: string) => `ct-lt-${sample.replace(/[^a-z0-9]+/gi, '-')}`;
