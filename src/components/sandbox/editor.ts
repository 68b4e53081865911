// The code editor: CodeMirror 6 with TypeScript highlighting, one tab per file, support files read-only. Type
// checking (typescript.ts, the compiler in a worker) joins after the editor is usable.
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { courseHighlighting } from './highlight.ts';
import type { TypeScriptSession } from './typescript.ts';

export interface EditorFile {
  name: string;
  text: string;
  readOnly: boolean;
}

export interface EditorOptions {
  parent: HTMLElement;
  tabs: HTMLElement;
  files: EditorFile[];
  onChange: (name: string, text: string) => void;
  onRun: () => void;
  onFocus: () => void;
  /** Escape in the editor (when no completion or search panel claims it): focus leaves to this control (WCAG 2.1.2). */
  onEscape: () => void;
  /** The id of the visible line that says how to leave the editor and run the tests (aria-describedby). */
  describedBy?: string;
}

export interface Editor {
  /** The current text of every editable file. */
  contents(): Record<string, string>;
  /** Replaces the text of editable files (reset, undo, import), keeping the tab that is open. */
  setContents(files: Record<string, string>): void;
  focus(): void;
  current(): string;
  /**
   * How many type errors the editable files have now: undefined until TypeScript has loaded (it starts after the
   * editor, once the browser is idle or the editor has focus), then counted again shortly after every change.
   */
  typeErrors(): number | undefined;
}

export function createEditor(options: EditorOptions): Editor {
  const states = new Map<string, EditorState>();
  let active = options.files[0]!.name;
  // Empty until TypeScript has loaded; then lint, hover and completion for the file this state holds.
  const typescriptSlot = new Compartment();
  const typescript = typeScriptLoader(options.files, (name) => (name === active ? view.state : states.get(name)!).doc.toString(), (name, extension) => {
    const effects = typescriptSlot.reconfigure(extension);
    if (name === active) view.dispatch({ effects });
    else states.set(name, states.get(name)!.update({ effects }).state);
  });

  const extensionsFor = (file: EditorFile): Extension[] => [
    basicSetup,
    javascript({ typescript: true }),
    courseHighlighting,
    typescriptSlot.of([]),
    // Ctrl/Cmd+Enter runs the tests from anywhere in the editor. Prec.high: basicSetup's default keymap binds
    // Mod-Enter to "insert a blank line", and would win otherwise.
    Prec.high(keymap.of([{ key: 'Mod-Enter', preventDefault: true, run: () => (options.onRun(), true) }])),
    // Escape leaves the editor (Tab already does: there is no indent-with-Tab). basicSetup's completion and search
    // keymaps come first, so Escape still closes an open completion list or search panel before it leaves.
    keymap.of([{ key: 'Escape', run: () => (options.onEscape(), true) }]),
    // tabindex: a read-only file's text must still be reachable by keyboard, and checkers then see that the
    // scrolling editor has a focusable inside (WCAG 2.1.1).
    EditorView.contentAttributes.of({
      'aria-label': `${file.readOnly ? 'Read-only file' : 'Code editor'}: ${file.name}`,
      tabindex: '0',
      ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
    }),
    ...(file.readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !file.readOnly) {
        const text = update.state.doc.toString();
        options.onChange(file.name, text);
        typescript.changed(file.name, text);
      }
      if (update.focusChanged && update.view.hasFocus) {
        options.onFocus();
        typescript.load();
      }
    }),
  ];
  for (const file of options.files) states.set(file.name, EditorState.create({ doc: file.text, extensions: extensionsFor(file) }));

  const view = new EditorView({ state: states.get(active)!, parent: options.parent });

  const buttons = options.files.map((file) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.textContent = file.readOnly ? `${file.name} (read-only)` : file.name;
    button.addEventListener('click', () => select(file.name));
    options.tabs.append(button);
    return { file, button };
  });
  const select = (name: string) => {
    states.set(active, view.state);
    active = name;
    view.setState(states.get(name)!);
    for (const { file, button } of buttons) button.setAttribute('aria-selected', String(file.name === name));
  };
  select(active);
  // TypeScript starts once the browser is idle after the editor appeared (or at the first focus, if sooner):
  // by the time a learner has read the task and starts typing, the worker has usually loaded.
  whenIdle(() => typescript.load());

  return {
    contents() {
      states.set(active, view.state);
      return Object.fromEntries(options.files.filter((f) => !f.readOnly).map((f) => [f.name, states.get(f.name)!.doc.toString()]));
    },
    setContents(files) {
      states.set(active, view.state);
      for (const file of options.files) {
        const text = files[file.name];
        if (file.readOnly || text === undefined) continue;
        const state = states.get(file.name)!;
        // A transaction, not a new state: the learner can still undo with Ctrl+Z inside the editor.
        const next = state.update({ changes: { from: 0, to: state.doc.length, insert: text } }).state;
        states.set(file.name, next);
        typescript.changed(file.name, text);
      }
      view.setState(states.get(active)!);
    },
    focus: () => view.focus(),
    current: () => active,
    typeErrors: () => typescript.errors(),
  };
}

/** Runs `task` when the browser is idle, or after at most IDLE_LIMIT_MS; Safari has no requestIdleCallback. */
function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: IDLE_LIMIT_MS });
  else setTimeout(task, 1_000);
}
const IDLE_LIMIT_MS = 5_000;

/** How long the error count waits for typing to pause before asking the worker again. */
const COUNT_DELAY_MS = 300;

/**
 * Loads TypeScript (a dynamic import, then the worker) on the first call to load(), never before: the editor is
 * usable at once, and the compiler (about 1 MB gzipped, parsed in the worker) costs the page's thread nothing.
 * Once the worker answers, `attach` gives each file's state its extensions. Without it (no Worker support, a
 * failed download) the editor works as before, with no type errors counted.
 */
function typeScriptLoader(files: readonly EditorFile[], textOf: (name: string) => string, attach: (name: string, extension: Extension) => void) {
  const editable = files.filter((f) => !f.readOnly).map((f) => f.name);
  let session: TypeScriptSession | undefined;
  let started = false;
  let errors: number | undefined;
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  const recount = () => {
    clearTimeout(countTimer);
    countTimer = setTimeout(() => {
      void session?.errorCount(editable).then((n) => (errors = n));
    }, COUNT_DELAY_MS);
  };
  return {
    load(): void {
      if (started || typeof Worker === 'undefined') return;
      started = true;
      import('./typescript.ts')
        .then(({ startTypeScript }) => startTypeScript(Object.fromEntries(files.map((f) => [f.name, textOf(f.name)]))))
        .then((ready) => {
          // The learner may have typed while it loaded: the worker got the text as it was when it started.
          for (const name of editable) ready.update(name, textOf(name));
          session = ready;
          for (const f of files) attach(f.name, ready.extensions(f.name));
          recount();
        })
        .catch((error: unknown) => console.warn('TypeScript did not load in the editor:', error));
    },
    changed(name: string, text: string): void {
      if (!session) return;
      session.update(name, text);
      recount();
    },
    errors: () => errors,
  };
}
