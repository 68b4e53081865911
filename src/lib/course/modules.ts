import type { ModuleSlug } from '../schemas/exercise.ts';

export interface CourseModule {
  slug: ModuleSlug;
  title: string;
  /** What the module maps to in Python's asyncio and threading world. */
  python: string;
}

/** The course's modules, in order. Lessons live in src/content/docs/<slug>/, exercises in exercises/<slug>/. */
export const COURSE_MODULES: readonly CourseModule[] = [
  { slug: 'why-concurrency', title: '1. Why concurrency', python: 'I/O-bound vs CPU-bound, asyncio vs threading' },
  { slug: 'event-loop', title: '2. The event loop', python: 'asyncio event loop, coroutines' },
  { slug: 'promises', title: '3. Promises as futures', python: 'asyncio.Future, gather, wait_for' },
  { slug: 'async-iteration', title: '4. Async iteration and queues', python: 'async generators, asyncio.Queue' },
  { slug: 'threads', title: '5. Worker threads and processes', python: 'threading, concurrent.futures' },
  { slug: 'gil-analogue', title: '6. The GIL analogue', python: 'the GIL, threading.Lock' },
  { slug: 'shutdown', title: '7. Cancellation and shutdown', python: 'Task.cancel, graceful shutdown' },
  { slug: 'debugging', title: '8. Debugging and good practice', python: "asyncio's debug mode" },
];
