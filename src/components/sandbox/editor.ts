// The code editor: CodeMirror 6 with TypeScript highlighting, one tab per file, support files read-only.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { courseHighlighting } from './highlight.ts';

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
}

export interface Editor {
  /** The current text of every editable file. */
  contents(): Record<string, string>;
  /** Replaces the text of editable files (reset, undo, import), keeping the tab that is open. */
  setContents(files: Record<string, string>): void;
  focus(): void;
  current(): string;
}

export function createEditor(options: EditorOptions): Editor {
  const states = new Map<string, EditorState>();
  let active = options.files[0]!.name;

  const extensionsFor = (file: EditorFile): Extension[] => [
    basicSetup,
    javascript({ typescript: true }),
    courseHighlighting,
    // Ctrl/Cmd+Enter runs the tests from anywhere in the editor.
    keymap.of([{ key: 'Mod-Enter', preventDefault: true, run: () => (options.onRun(), true) }]),
    // tabindex: a read-only file's text must still be reachable by keyboard, and checkers then see that the
    // scrolling editor has a focusable inside (WCAG 2.1.1).
    EditorView.contentAttributes.of({ 'aria-label': `${file.readOnly ? 'Read-only file' : 'Code editor'}: ${file.name}`, tabindex: '0' }),
    ...(file.readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !file.readOnly) options.onChange(file.name, update.state.doc.toString());
      if (update.focusChanged && update.view.hasFocus) options.onFocus();
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
      }
      view.setState(states.get(active)!);
    },
    focus: () => view.focus(),
    current: () => active,
  };
}
