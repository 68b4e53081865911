// The real wiring of the WebContainer runtime, for the browser: the API loaded on first use, one container per
// page (WebContainer allows only one), the test-tools snapshot from public/sandbox/, and our grading glue as
// raw text. Kept on globalThis so that Vite's hot reload of these modules reuses the running container
// instead of booting a second one, which WebContainer refuses.
import type { WebContainer } from '@webcontainer/api';
import type { RUNTIME_FILES } from '../grading/workspace.ts';
import journal from '../grading/journal.ts?raw';
import watchdog from '../grading/watchdog.ts?raw';
import journalSetup from '../grading/in-vitest/journal-setup.ts?raw';
import reporter from '../grading/in-vitest/reporter.ts?raw';
import timersPromises from '../grading/in-vitest/timers-promises.ts?raw';
import type { SandboxRuntime } from './runtime.ts';
import { browserFacts } from './webcontainer-checks.ts';
import { createWebContainerRuntime, type ContainerLike } from './webcontainer.ts';

// Naming every entry of RUNTIME_FILES: the type check fails here when that list changes.
export const runtimeFiles: Record<(typeof RUNTIME_FILES)[number], string> = {
  'journal.ts': journal,
  'watchdog.ts': watchdog,
  'in-vitest/journal-setup.ts': journalSetup,
  'in-vitest/reporter.ts': reporter,
  'in-vitest/timers-promises.ts': timersPromises,
};

interface PageState {
  runtime?: SandboxRuntime;
  /** The container of this page, until the runtime tears it down. */
  live?: { container: Promise<WebContainer>; alive: boolean };
  /** The API key was given to the API: `configureAPIKey` throws once any boot has happened, so only once per page. */
  keyConfigured?: boolean;
}
const PAGE_KEY = Symbol.for('concurrent-typescript.webcontainer');
const page = ((globalThis as { [PAGE_KEY]?: PageState })[PAGE_KEY] ??= {});

export interface BrowserRuntimeOptions {
  /** Where the snapshot built by scripts/build-sandbox-runtime.ts is served. */
  snapshotUrl?: string;
}

/**
 * The page's WebContainer runtime (the same object on every call). `apiKey` is the WebContainer API key for
 * production origins (PUBLIC_WEBCONTAINER_API_KEY); local development needs none.
 */
export function createBrowserWebContainerRuntime(apiKey?: string, options: BrowserRuntimeOptions = {}): SandboxRuntime {
  const snapshotUrl = options.snapshotUrl ?? `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sandbox/runtime.snapshot`;
  page.runtime ??= createWebContainerRuntime({
    boot: () => bootContainer(apiKey),
    loadSnapshot: (onProgress, signal) => fetchBytes(snapshotUrl, onProgress, signal),
    runtimeFiles,
    env: browserFacts(),
  });
  return page.runtime;
}

/** Boots (or reuses) the page's container. Exported for the tests, which stub `@webcontainer/api`. */
export async function bootContainer(apiKey: string | undefined): Promise<ContainerLike> {
  const api = await import('@webcontainer/api');
  // The API refuses a key after the first boot of the page (its authState.bootCalled is never reset), so a re-boot
  // after a teardown (a stuck loop, a cancel) must not set it again: that threw, and the learner had to reload.
  if (apiKey && !page.keyConfigured) {
    api.configureAPIKey(apiKey);
    page.keyConfigured = true;
  }
  if (!page.live?.alive) {
    // The page's headers (public/_headers, vercel.json, the dev server) use require-corp.
    page.live = { container: api.WebContainer.boot({ coep: 'require-corp', workdirName: 'project' }), alive: true };
  }
  const live = page.live;
  const real: ContainerLike = await live.container;
  // Teardown goes through here so that the next boot() really boots instead of reusing a dead instance.
  return {
    fs: real.fs,
    get workdir() {
      return real.workdir;
    },
    mount: (data, mountOptions) => real.mount(data, mountOptions),
    spawn: (command, args, spawnOptions) => real.spawn(command, args, spawnOptions),
    teardown: () => {
      live.alive = false;
      real.teardown();
    },
    on: (event, listener) => real.on?.(event, listener) ?? (() => {}),
  };
}

/** Downloads a file, reporting progress when the server says how big it is. */
async function fetchBytes(url: string, onProgress?: (loaded: number, total: number | undefined) => void, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal: signal ?? null });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // With Content-Encoding the length is the compressed size, not what the reader yields.
  const length = response.headers.get('content-encoding') ? NaN : Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}
