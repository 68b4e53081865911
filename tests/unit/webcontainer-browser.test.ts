// The browser wiring of the WebContainer runtime, as far as Node can check it: the grading glue arrives through
// Vite's ?raw imports unchanged, the runtime is one per page, and a page that is not a secure context (Node
// here) is refused before anything is downloaded or booted.
import { expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_FILES } from '../../src/lib/grading/workspace.ts';
import { PROJECT_ROOT } from '../../src/lib/exercises/load.ts';
import { RuntimeUnavailable } from '../../src/lib/sandbox/runtime.ts';
import { bootContainer, createBrowserWebContainerRuntime, runtimeFiles } from '../../src/lib/sandbox/webcontainer-browser.ts';

test('the grading glue is every RUNTIME_FILES entry, as on disk', () => {
  expect(Object.keys(runtimeFiles).sort()).toEqual([...RUNTIME_FILES].sort());
  for (const name of RUNTIME_FILES) expect(runtimeFiles[name]).toBe(readFileSync(join(PROJECT_ROOT, 'src/lib/grading', name), 'utf8'));
});

test('one runtime per page, refused outside a secure context before booting', async () => {
  const runtime = createBrowserWebContainerRuntime();
  expect(createBrowserWebContainerRuntime('another-key')).toBe(runtime);
  expect(runtime.kind).toBe('webcontainer');
  const error = await runtime.prepare(() => {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RuntimeUnavailable);
  expect((error as RuntimeUnavailable).reason).toBe('secure-context');
});

// The API as it behaves (node_modules/@webcontainer/api/dist/index.js): configureAPIKey throws once any boot has
// happened on the page, one container at a time, and boot() after teardown() boots a new one.
const api = vi.hoisted(() => {
  const state = { bootCalled: false, running: false, boots: 0, keys: [] as string[] };
  return {
    state,
    module: {
      configureAPIKey(key: string) {
        if (state.bootCalled) throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
        state.keys.push(key);
      },
      WebContainer: {
        async boot() {
          if (state.running) throw new Error('Only a single WebContainer instance can be booted');
          state.bootCalled = true;
          state.running = true;
          state.boots++;
          return {
            fs: {},
            workdir: '/home/project',
            mount: async () => {},
            spawn: async () => ({}),
            teardown: () => {
              state.running = false;
            },
          };
        },
      },
    },
  };
});
vi.mock('@webcontainer/api', () => api.module);

test('with an API key, a container torn down (a stuck loop, a cancel) boots again', async () => {
  const first = await bootContainer('key-123');
  expect(api.state.keys, 'the key is given to the API before the first boot').toEqual(['key-123']);
  expect(await bootContainer('key-123'), 'a running container is reused').toBeDefined();
  expect(api.state.boots).toBe(1);
  first.teardown();
  const second = await bootContainer('key-123');
  expect(api.state.boots, 'the second boot happened').toBe(2);
  expect(api.state.keys, 'the key is set once per page').toEqual(['key-123']);
  second.teardown();
  await bootContainer('key-123');
  expect(api.state.boots).toBe(3);
});
