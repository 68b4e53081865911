// Syntax colours from Starlight's palette, which has a readable "-high" shade in both light and dark themes:
// CodeMirror's default colours assume a light page and fail contrast (WCAG 1.4.3) in dark mode.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.modifier, t.definitionKeyword, t.moduleKeyword], color: 'var(--sl-color-purple-high)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--sl-color-green-high)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--sl-color-orange-high)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--sl-color-blue-high)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--sl-color-red-high)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--sl-color-gray-2)', fontStyle: 'italic' },
  { tag: t.invalid, color: 'var(--sl-color-red-high)' },
]);

export const courseHighlighting = [
  syntaxHighlighting(style),
  EditorView.theme({
    '&': { color: 'var(--sl-color-white)', backgroundColor: 'var(--sl-color-black)' },
    '.cm-gutters': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-gray-2)', borderRight: '1px solid var(--sl-color-gray-5)' },
    '.cm-activeLine': { backgroundColor: 'transparent' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--sl-color-gray-5)', color: 'var(--sl-color-white)' },
    '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--sl-color-white)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--sl-color-accent-low)' },
  }),
];
