import type { Classification, TaskId } from './support/tasks.ts';

// Mistake: "async makes everything faster", so every job is treated as waiting and given to the event loop.
export function classify(id: TaskId): Classification {
  void id;
  return { kind: 'io', tool: 'async' };
}
