// How TypeScript checks exercise files, in one place for the two checkers that must agree: `npm run typecheck`
// (scripts/typecheck-exercises.ts, which writes these overrides into the tsconfig of its workspace) and the
// sandbox editor's TypeScript worker (which gets the options resolved below, in /sandbox/typescript-types.json).
import { join } from 'node:path';
import type ts from 'typescript';
import { PROJECT_ROOT } from './load.ts';

/**
 * What exercise files change in the project's tsconfig.json. Unused names are allowed: starters leave
 * parameters unused. `lib` drops the DOM that the default library of an ESNext target brings: exercises run on
 * Node, whose globals come from @types/node, and `document` or `window` there would type-check and then throw.
 */
export const EXERCISE_COMPILER_OVERRIDES = { noUnusedLocals: false, noUnusedParameters: false, lib: ['esnext'] };

/** The project's tsconfig.json with the overrides, resolved as `tsc` resolves it (the `extends` chain included). */
export function exerciseCompilerOptions(typescript: typeof ts): ts.CompilerOptions {
  const parsed = typescript.parseJsonConfigFileContent(
    { extends: join(PROJECT_ROOT, 'tsconfig.json'), compilerOptions: EXERCISE_COMPILER_OVERRIDES, files: [] },
    typescript.sys,
    PROJECT_ROOT,
  );
  const problems = parsed.errors.filter((e) => e.category === typescript.DiagnosticCategory.Error);
  if (problems.length) throw new Error(problems.map((e) => typescript.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  return parsed.options;
}
