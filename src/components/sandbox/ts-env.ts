// The TypeScript language service over one exercise, as the sandbox's worker runs it (ts-worker.ts) and as the
// unit tests run it in Node: the exercise's files where the grading workspace puts them, the types bundle
// (/sandbox/typescript-types.json, built by src/lib/sandbox/typescript-types.ts) beside them.
import type ts from 'typescript';
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from '@typescript/vfs';
import type { Diagnostic } from '@codemirror/lint';
import type { TypesBundle } from '../../lib/sandbox/typescript-types.ts';
import { WORKSPACE_IMPORTS } from './ts-paths.ts';

/** A language service over the exercise's files, by virtual path (ts-paths.ts). */
export function createTypeScriptEnv(typescript: typeof ts, bundle: TypesBundle, files: Record<string, string>): VirtualTypeScriptEnvironment {
  const fsMap = new Map(Object.entries(bundle.files));
  fsMap.set('/package.json', JSON.stringify({ type: 'module', imports: WORKSPACE_IMPORTS }));
  for (const [path, text] of Object.entries(files)) fsMap.set(path, text);
  // Every file is a root, support included: a read-only file that no learner file imports still gets hover.
  return createVirtualTypeScriptEnvironment(createSystem(fsMap), Object.keys(files), typescript, bundle.compilerOptions);
}

/** TypeScript's diagnostics for one file, syntax and types, each with its whole message chain. */
export function diagnosticsOf(env: VirtualTypeScriptEnvironment, path: string): ts.Diagnostic[] {
  if (!env.getSourceFile(path)) return [];
  return [...env.languageService.getSyntacticDiagnostics(path), ...env.languageService.getSemanticDiagnostics(path)];
}

/**
 * The diagnostics as CodeMirror's linter shows them. @valtown/codemirror-ts keeps only the first line of a
 * message chain, which drops the "because..." lines that explain most type errors.
 */
export function lintsOf(typescript: typeof ts, env: VirtualTypeScriptEnvironment, path: string): Diagnostic[] {
  return diagnosticsOf(env, path).flatMap((d) => {
    if (d.start === undefined || d.length === undefined) return [];
    const severity = d.category === typescript.DiagnosticCategory.Error ? 'error' : d.category === typescript.DiagnosticCategory.Warning ? 'warning' : 'info';
    return [{ from: d.start, to: d.start + d.length, severity, message: typescript.flattenDiagnosticMessageText(d.messageText, '\n') }];
  });
}

/** How many errors (not suggestions) the given files have now. */
export function errorCount(typescript: typeof ts, env: VirtualTypeScriptEnvironment, paths: readonly string[]): number {
  return paths.reduce((sum, path) => sum + diagnosticsOf(env, path).filter((d) => d.category === typescript.DiagnosticCategory.Error).length, 0);
}
