// The real wiring of the WebContainer runtime, for the browser: the API loaded on first use, one container per
// page (WebContainer allows only one), the test-tools snapshot from public/sandbox/ (gzipped, named by its hash:
// the page learns the name from the sandbox component, see snapshot-download.ts), and our grading glue as
// raw text. Kept on globalThis so that Vite's hot reload of these modules reuses the running container
// instead of booting a second one, which WebContainer refuses.
import type { WebContainer } from '@webcontainer/api';
import type { RUNTIME_FILES } from '../grading/workspace.ts';
import journal from '../grading/journal.ts?raw';
import watchdog from '../grading/watchdog.ts?raw';
import journalSetup from '../grading/in-vitest/journal-setup.ts?raw';
import journalHooks from '../grading/in-vitest/journal-hooks.ts?raw';
import reporter from '../grading/in-vitest/reporter.ts?raw';
import timersPromises from '../grading/in-vitest/timers-promises.ts?raw';
import threadFiles from '../grading/in-vitest/thread-files.ts?raw';
import type { SandboxRuntime } from './runtime.ts';
import { loadSnapshotFrom } from './snapshot-download.ts';
import { browserFacts } from './webcontainer-checks.ts';
import { createWebContainerRuntime, type ContainerLike } from './webcontainer.ts';

// Naming every entry of RUNTIME_FILES: the type check fails here when that list changes.
export const runtimeFiles: Record<(typeof RUNTIME_FILES)[number], string> = {
  'journal.ts': journal,
  'watchdog.ts': watchdog,
  'in-vitest/journal-setup.ts': journalSetup,
  'in-vitest/journal-hooks.ts': journalHooks,
  'in-vitest/reporter.ts': reporter,
  'in-vitest/timers-promises.ts': timersPromises,
  'in-vitest/thread-files.ts': threadFiles,
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

// The WebContainer probe page (src/probe/) downloads the snapshot the same way.
export { loadSnapshotFrom };

export interface BrowserRuntimeOptions {
  /** Where the snapshot built by scripts/build-sandbox-runtime.ts is served (its name is in runtime.json). */
  snapshotUrl?: string;
  /** runtime.json's sha256 of the unpacked snapshot: a download that unpacks to anything else is refused. */
  snapshotSha256?: string;
}

/**
 * The page's WebContainer runtime (the same object on every call). `apiKey` is the WebContainer API key for
 * production origins (PUBLIC_WEBCONTAINER_API_KEY); local development needs none.
 */
export function createBrowserWebContainerRuntime(apiKey?: string, options: BrowserRuntimeOptions = {}): SandboxRuntime {
  page.runtime ??= createWebContainerRuntime({
    boot: () => bootContainer(apiKey),
    loadSnapshot: options.snapshotUrl ? loadSnapshotFrom(options.snapshotUrl, options.snapshotSha256) : unnamedSnapshot,
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

/** The file's name changes with every toolchain change, so only the page (from runtime.json) can name it. */
function unnamedSnapshot(): Promise<never> {
  return Promise.reject(new Error('this page does not say which file holds the test tools (the sandbox element has no data-snapshot-url): rebuild the site'));
}
