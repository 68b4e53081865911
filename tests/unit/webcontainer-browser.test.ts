// The browser wiring of the WebContainer runtime, as far as Node can check it: the grading glue arrives through
// Vite's ?raw imports unchanged, the runtime is one per page, and a page that is not a secure context (Node
// here) is refused before anything is downloaded or booted.
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_FILES } from '../../src/lib/grading/workspace.ts';
import { PROJECT_ROOT } from '../../src/lib/exercises/load.ts';
import { RuntimeUnavailable } from '../../src/lib/sandbox/runtime.ts';
import { createBrowserWebContainerRuntime, runtimeFiles } from '../../src/lib/sandbox/webcontainer-browser.ts';

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
