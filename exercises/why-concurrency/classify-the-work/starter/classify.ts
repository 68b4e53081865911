import type { Classification, TaskId } from './support/tasks.ts';

/**
 * Says where the job `id` (one of the ids in support/tasks.ts) spends its time, and which tool speeds it up.
 *
 * @example
 *   classify('some-network-job'); // { kind: 'io', tool: 'async' }
 */
export function classify(id: TaskId): Classification {
  throw new Error(`TODO: classify the job ${id} as { kind: 'io' | 'cpu', tool: 'async' | 'worker' }`);
}
