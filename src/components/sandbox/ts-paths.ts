// Where the sandbox's TypeScript worker puts an exercise's files: as the grading workspace does
// (src/lib/grading/workspace.ts), so imports resolve in the editor exactly as they do when grading. Kept apart from
// ts-env.ts so that the page's side of the editor can name paths without bundling the language service.

/**
 * Subpath imports as the grading workspace's package.json declares them (a unit test holds the two equal), so
 * `#support/x.ts` resolves in the editor where it resolves when grading.
 */
export const WORKSPACE_IMPORTS = { '#subject/*': './subject/*', '#support/*': './subject/support/*' };

/**
 * An editor tab's file: learner files under /subject/ and support files (tabs named `support/<name>`) in
 * /subject/support/, so `./support/x.ts` resolves from a learner's file too.
 */
export const virtualPath = (tabName: string): string => `/subject/${tabName}`;
