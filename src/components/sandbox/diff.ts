// "Show solution": the reference beside the learner's code, differences marked (@codemirror/merge).
import { MergeView } from '@codemirror/merge';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { courseHighlighting } from './highlight.ts';

export function showDiff(parent: HTMLElement, mine: string, solution: string): () => void {
  const readOnly = [basicSetup, javascript({ typescript: true }), courseHighlighting, EditorState.readOnly.of(true), EditorView.editable.of(false)];
  const view = new MergeView({
    a: { doc: mine, extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': 'Your code', tabindex: '0' })] },
    b: { doc: solution, extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': 'Reference solution', tabindex: '0' })] },
    parent,
  });
  return () => view.destroy();
}
