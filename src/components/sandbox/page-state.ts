// What every sandbox on a page shares: one progress store, one in-page runtime, one WebContainer runtime, and the learner's choice of
// local Node for this browser session.
import type { SandboxRuntime } from '../../lib/sandbox/runtime.ts';
import { createProgressStore, openBrowserStorage } from '../../lib/progress/store.ts';

type Store = ReturnType<typeof createProgressStore>;
// One store per page, shared by every sandbox on it (its subscribe() also hears other tabs).
let sharedStore: Store | undefined;
let persistent = true;
export const isPersistent = (): boolean => persistent;
export function store(): Store {
  if (!sharedStore) {
    const opened = openBrowserStorage();
    persistent = opened.persistent;
    sharedStore = createProgressStore(opened.storage);
  }
  return sharedStore;
}

// One WebContainer runtime per page, shared by every sandbox on it (created on first interaction). Which file holds
// the test tools is known only at build time (runtime.json), so Sandbox.astro writes it on every sandbox element.
let webContainer: Promise<SandboxRuntime> | undefined;
export function webContainerRuntime(): Promise<SandboxRuntime> {
  const snapshot = document.querySelector<HTMLElement>('ct-sandbox[data-snapshot-url]')?.dataset;
  webContainer ??= import('../../lib/sandbox/webcontainer-browser.ts').then((m) =>
    m.createBrowserWebContainerRuntime(import.meta.env.PUBLIC_WEBCONTAINER_API_KEY, {
      ...(snapshot?.snapshotUrl ? { snapshotUrl: snapshot.snapshotUrl } : {}),
      ...(snapshot?.snapshotSha256 ? { snapshotSha256: snapshot.snapshotSha256 } : {}),
    }),
  );
  return webContainer;
}


// One in-page runtime per page, shared by every sandbox on it: a spare worker with Vitest loaded waits for the
// next run (see browser-runtime.ts). Vite bundles the worker with Vitest's browser-safe packages at the pinned
// version; the import is dynamic, so a page loads none of it before a learner opens a sandbox.
let inPage: Promise<SandboxRuntime> | undefined;
export function browserRuntime(): Promise<SandboxRuntime> {
  inPage ??= import('../../lib/sandbox/browser-runtime.ts').then((m) =>
    m.createBrowserRuntime({
      createWorker: () => new Worker(new URL('../../lib/sandbox/browser-worker.ts', import.meta.url), { type: 'module', name: 'grader' }),
    }),
  );
  return inPage;
}
