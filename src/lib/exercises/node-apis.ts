// Which Node-only APIs a source file uses: imports of Node's built-in modules, and the globals a browser does not
// have (`process`, `setImmediate`, `Buffer`, `require`, ...). It decides where code can be graded: an exercise
// whose grader, solution and support files use none runs in the page's own Web Worker (src/lib/sandbox/
// browser-runtime.ts), and learner code that uses one is graded by Node instead. Runs at build time and in the
// browser, so it is plain text scanning, no compiler: comments and string contents are blanked first, so
// `describe('process.nextTick ...')` or a comment about setImmediate does not count. It errs towards "uses Node":
// the cost of a false alarm is a slower runtime, the cost of a miss is a wrong verdict.

/** Modules the browser runtime provides itself: the test framework, and timers/promises over the global timers. */
export const BROWSER_PROVIDED_MODULES: ReadonlySet<string> = new Set(['vitest', 'node:timers/promises', 'timers/promises']);

/** Globals of Node that a browser's worker lacks. */
const NODE_GLOBALS = ['process', 'setImmediate', 'clearImmediate', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global'] as const;

/** Node's built-in modules that may be imported without the `node:` prefix. */
const BARE_BUILTINS = new Set(
  'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib'.split(' '),
);

/**
 * The source with comments removed and the contents of strings and template texts replaced by spaces (quotes,
 * `${...}` expressions and line breaks are kept, so positions and line numbers still match). `keepStrings` keeps
 * string contents: import specifiers are read from that form.
 */
export function codeOnly(source: string, keepStrings = false): string {
  let out = '';
  let i = 0;
  /** Open template literals: the brace depth of each `${` we are inside. */
  const templates: number[] = [];
  let depth = 0;
  const blank = (text: string) => (keepStrings ? text : text.replace(/[^\n]/g, ' '));
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += c + blank(source.slice(i + 1, j)) + (source[j] === c ? c : '');
      i = j + (source[j] === c ? 1 : 0);
    } else if (c === '`' || (c === '}' && templates.length && templates.at(-1) === depth)) {
      // The text part of a template literal, up to its end or the next `${`.
      if (c === '}') {
        templates.pop();
        depth--;
      }
      let j = i + 1;
      while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
      out += c + blank(source.slice(i + 1, j));
      if (source[j] === '$') {
        templates.push(++depth);
        out += '${';
        i = j + 2;
      } else {
        out += '`';
        i = j + 1;
      }
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** What in one file needs Node, as short phrases ("imports node:fs", "uses process"); empty when nothing does. */
export function nodeApisUsed(source: string, provided: ReadonlySet<string> = BROWSER_PROVIDED_MODULES): string[] {
  const found = new Set<string>();
  // Type-only imports and exports vanish when types are stripped.
  const withStrings = codeOnly(source, true).replace(/\b(?:import|export)\s+type\b[^;]*?\bfrom\s*(['"])[^'"\n]*\1/g, '');
  for (const match of withStrings.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g)) {
    const specifier = match[2]!;
    if (provided.has(specifier)) continue;
    if (specifier.startsWith('node:') || BARE_BUILTINS.has(specifier.split('/')[0]!)) found.add(`imports ${specifier}`);
  }
  // `declare global { ... }` is TypeScript's, not Node's `global`.
  const code = codeOnly(source).replace(/\bdeclare\s+global\b/g, '');
  for (const name of NODE_GLOBALS) {
    // A use of the global, not a property (`x.process`), an object key (`{ process: 1 }`) or a declaration of one's own.
    const use = new RegExp(`(?<![.\\w$])${name}(?![\\w$])(?!\\s*:(?!:))`, 'g');
    const declared = new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}(?![\\w$])`);
    if (use.test(code) && !declared.test(code)) found.add(`uses ${name}`);
  }
  // Node's module facts (a worker's modules are blob: URLs, with no file name or folder).
  for (const fact of ['dirname', 'filename']) if (new RegExp(`\\bimport\\.meta\\.${fact}\\b`).test(code)) found.add(`uses import.meta.${fact}`);
  // Node's timers are objects that can stop holding the process open; a browser's are numbers.
  for (const method of ['unref', 'hasRef', 'ref']) if (new RegExp(`\\.${method}\\s*\\(`).test(code)) found.add(`uses a Node timer's .${method}()`);
  return [...found];
}

/** Every Node-only use across a set of files, as "file: phrase"; empty when the browser runtime can run them all. */
export function nodeApisIn(files: Record<string, string>, provided?: ReadonlySet<string>): string[] {
  return Object.entries(files).flatMap(([name, text]) => (/\.[cm]?[jt]s$/.test(name) ? nodeApisUsed(text, provided).map((what) => `${name} ${what}`) : []));
}
