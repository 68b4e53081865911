// TypeScript in the sandbox editor: type errors underlined as the learner types, types and docs on hover,
// completion, all from the real compiler running in a worker (ts-worker.ts) and wired into CodeMirror by
// @valtown/codemirror-ts. editor.ts imports this module only after the editor is usable, so none of it delays
// the editor; the worker then fetches the compiler and the types (/sandbox/typescript-types.json).
import * as Comlink from 'comlink';
import { tsAutocompleteWorker, tsFacetWorker, tsHoverWorker, type HoverInfo } from '@valtown/codemirror-ts';
import { autocompletion } from '@codemirror/autocomplete';
import { lintGutter, linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, type TooltipView } from '@codemirror/view';
import type { TypeScriptWorker } from './ts-worker.ts';
import { virtualPath } from './ts-paths.ts';

export interface TypeScriptSession {
  /** Lint, hover and completion for one tab's state, as that file of the exercise. */
  extensions(tabName: string): Extension;
  /** Tells the worker a file's new text. */
  update(tabName: string, text: string): void;
  /** How many errors these files have, once the worker has seen every update sent before. */
  errorCount(tabNames: readonly string[]): Promise<number>;
}

/** Starts the worker over the exercise's files (by tab name) and resolves once it can answer. */
export async function startTypeScript(files: Record<string, string>): Promise<TypeScriptSession> {
  // The types download while the worker's script (the compiler) does, rather than after it.
  const types = fetch('/sandbox/typescript-types.json').then((response) => {
    if (!response.ok) throw new Error(`/sandbox/typescript-types.json: HTTP ${response.status}`);
    return response.text();
  });
  const thread = new Worker(new URL('./ts-worker.ts', import.meta.url), { type: 'module', name: 'typescript' });
  const worker = Comlink.wrap<TypeScriptWorker>(thread);
  try {
    await worker.start(await types, Object.fromEntries(Object.entries(files).map(([name, text]) => [virtualPath(name), text])));
  } catch (error) {
    thread.terminate();
    throw error;
  }
  const shared = [typeErrors, lintGutter(), tsHoverWorker({ renderTooltip }), autocompletion({ override: [tsAutocompleteWorker()] }), theme];
  return {
    extensions: (tabName) => [tsFacetWorker.of({ path: virtualPath(tabName), worker }), shared],
    update: (tabName, text) => void worker.updateFile({ path: virtualPath(tabName), code: text }),
    errorCount: (tabNames) => worker.errorCount(tabNames.map(virtualPath)),
  };
}

/**
 * The worker's diagnostics for the file in view, 300 ms after typing pauses. The library's tsLinterWorker waits
 * CodeMirror's default 750 ms and takes no options; this is the same call with a shorter wait.
 */
const typeErrors = linter(
  async (view) => {
    const config = view.state.facet(tsFacetWorker);
    return config ? config.worker.getLints({ path: config.path, diagnosticCodesToIgnore: [] }) : [];
  },
  { delay: 300 },
);

/** Documentation longer than this is cut at a paragraph: a tooltip is for a glance. */
const DOC_LIMIT = 600;

/** The signature, coloured like the code, and the first paragraphs of its documentation. */
function renderTooltip(info: HoverInfo): TooltipView {
  const dom = document.createElement('div');
  dom.className = 'ct-ts-hover';
  const signature = dom.appendChild(document.createElement('code'));
  for (const part of info.quickInfo?.displayParts ?? []) {
    const span = signature.appendChild(document.createElement('span'));
    span.className = `ct-ts-${part.kind}`;
    span.textContent = part.text;
  }
  const docs = (info.quickInfo?.documentation ?? []).map((part) => part.text).join('');
  if (docs) {
    const paragraphs = docs.split(/\n\s*\n/);
    let shown = paragraphs[0]!;
    for (const next of paragraphs.slice(1)) {
      if (shown.length + next.length > DOC_LIMIT) break;
      shown += `\n\n${next}`;
    }
    const p = dom.appendChild(document.createElement('p'));
    p.textContent = shown.length < docs.length ? `${shown} …` : shown;
  }
  return { dom };
}

// Tooltips, completion and the lint panel in Starlight's palette, which keeps contrast in the light and the dark
// theme alike (CodeMirror's defaults assume a light page: light grey boxes behind the editor's light text in dark).
const theme = EditorView.theme({
  '.cm-tooltip': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-white)', border: '1px solid var(--sl-color-gray-4)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--sl-color-accent-high)', color: 'var(--sl-color-black)' },
  '.cm-completionDetail': { color: 'var(--sl-color-gray-2)' },
  '.ct-ts-hover': { maxWidth: 'min(40rem, 90vw)', padding: '0.25rem 0.5rem', fontSize: '0.8125rem' },
  '.ct-ts-hover code': { display: 'block', whiteSpace: 'pre-wrap', fontFamily: 'monospace' },
  '.ct-ts-hover p': { margin: '0.375rem 0 0', whiteSpace: 'pre-line' },
  '.ct-ts-keyword': { color: 'var(--sl-color-purple-high)' },
  '.ct-ts-stringLiteral': { color: 'var(--sl-color-green-high)' },
  '.ct-ts-numericLiteral': { color: 'var(--sl-color-orange-high)' },
  '.ct-ts-functionName, .ct-ts-methodName': { color: 'var(--sl-color-blue-high)' },
  '.ct-ts-className, .ct-ts-interfaceName, .ct-ts-aliasName, .ct-ts-enumName, .ct-ts-typeParameterName': { color: 'var(--sl-color-red-high)' },
  '.cm-panel.cm-panel-lint': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-white)' },
  '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: 'var(--sl-color-gray-5)' },
});
