// What the sandbox editor's TypeScript worker needs besides the exercise's own files (Node side, at build time or
// from the dev server; served as /sandbox/typescript-types.json): the compiler options `npm run typecheck` uses,
// the standard library they name (lib.esnext and what it references, no DOM), and the part of @types/node that
// exercises use. The whole of @types/node is 2.6 MB; a learner's file reaches a few of its modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { exerciseCompilerOptions } from '../exercises/compiler-options.ts';
import { listExercises, PROJECT_ROOT, readSupport } from '../exercises/load.ts';
import { variantsOf } from '../exercises/variants.ts';

export interface TypesBundle {
  /** The compiler these files and options were made for (the worker runs the same, bundled). */
  typescript: string;
  compilerOptions: ts.CompilerOptions;
  /** Virtual path to text: `/lib.*.d.ts` and `/node_modules/...` (where `types: ["node"]` looks). */
  files: Record<string, string>;
}

/**
 * Node modules typed in full whatever the exercises import: the ones the course's lessons lean on. Every module an
 * exercise file imports is added to these (see nodeModulesImported).
 */
export const BASE_NODE_MODULES = ['worker_threads', 'events', 'timers', 'timers/promises', 'async_hooks', 'perf_hooks', 'child_process', 'stream', 'util', 'buffer', 'process', 'fs/promises'];

/** The file the bundle adds to @types/node: every Node module left out, declared without types (see untypedModules). */
export const UNTYPED_FILE = 'sandbox-untyped.d.ts';

const NODE_TYPES = join(PROJECT_ROOT, 'node_modules/@types/node');
const UNDICI_TYPES = join(PROJECT_ROOT, 'node_modules/undici-types');
const TS_LIB = join(PROJECT_ROOT, 'node_modules/typescript/lib');

export function buildTypesBundle(nodeModules: Iterable<string> = [...BASE_NODE_MODULES, ...nodeModulesImported()]): TypesBundle {
  const compilerOptions = exerciseCompilerOptions(ts);
  const files: Record<string, string> = {};
  const nodeTypes = nodeTypesSubset(new Set([...nodeModules].map((m) => m.replace(/^node:/, ''))));
  for (const [path, text] of Object.entries(nodeTypes)) files[`/node_modules/${path}`] = text;
  Object.assign(files, libFilesUsed(compilerOptions, files));
  return { typescript: ts.version, compilerOptions, files };
}

/** Node built-in modules that any exercise file (every variant, support included) imports or requires. */
export function nodeModulesImported(): string[] {
  const found = new Set<string>();
  for (const exercise of listExercises()) {
    const texts = [...variantsOf(exercise).flatMap((v) => Object.values(v.files)), ...Object.values(readSupport(exercise))];
    for (const text of texts) {
      for (const specifier of moduleSpecifiers(ts.createSourceFile('x.ts', text, ts.ScriptTarget.ESNext, true))) {
        const name = specifier.replace(/^node:/, '');
        if (builtinModules.includes(name)) found.add(name);
      }
    }
  }
  return [...found].sort();
}

interface DeclarationFile {
  /** Relative to node_modules/. */
  path: string;
  text: string;
  /** Module names it declares (`declare module "events"`). */
  declares: string[];
  /** Whether it adds globals (a script, `declare global`, or `global {}` inside a module). */
  global: boolean;
  /** Modules whose types it extends (`interface WriteStream extends tty.WriteStream`): see nodeTypesSubset. */
  extendsFrom: string[];
}

/**
 * The @types/node files that declare the given modules or add globals (so `process`, `Buffer`, `setTimeout`,
 * `URL` and the rest are typed in every file), all of undici-types (the types behind `fetch` and `MessageEvent`),
 * an index.d.ts that references only those, and UNTYPED_FILE, which declares every other module without types.
 * Importing one of those is then no error (the code runs), it is only untyped, and a kept type that mentions one
 * sees `any` there, which loosens it and never rejects code. Except in a heritage clause: an interface cannot
 * extend `any`, so it would lose its base's members (`process.stdout` would stop being a stream, and passing it
 * to `pipe` would be a false error). So a module that a kept file extends from is kept too, transitively.
 */
export function nodeTypesSubset(modules: ReadonlySet<string>): Record<string, string> {
  const all = [...declarationFiles(NODE_TYPES, '@types/node')].filter((f) => !/^@types\/node\/(ts\d|index\.d\.ts$)/.test(f.path));
  const bare = (name: string) => name.replace(/^node:/, '');
  const wanted = new Set([...modules].map(bare));
  const kept = new Set(all.filter((f) => f.global));
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of all) {
      if (kept.has(f) || !f.declares.some((name) => wanted.has(bare(name)))) continue;
      kept.add(f);
      grew = true;
    }
    for (const f of kept) {
      for (const name of f.extendsFrom.map(bare)) {
        if (wanted.has(name)) continue;
        wanted.add(name);
        grew = true;
      }
    }
  }
  const keptFiles = all.filter((f) => kept.has(f));
  const keptNames = new Set(keptFiles.flatMap((f) => f.declares));
  const untyped = [...new Set(all.flatMap((f) => f.declares))].filter((name) => !keptNames.has(name)).sort();
  const files: Record<string, string> = {};
  for (const f of keptFiles) files[f.path] = f.text;
  for (const f of declarationFiles(UNDICI_TYPES, 'undici-types')) files[f.path] = f.text;
  files['undici-types/package.json'] = readFileSync(join(UNDICI_TYPES, 'package.json'), 'utf8');
  files[`@types/node/${UNTYPED_FILE}`] = ['// Node modules the sandbox does not ship types for: importing them is fine, they are only untyped.', ...untyped.map((name) => `declare module ${JSON.stringify(name)};`), ''].join('\n');
  const index = readFileSync(join(NODE_TYPES, 'index.d.ts'), 'utf8');
  const libLines = index.split('\n').filter((line) => line.startsWith('/// <reference lib='));
  const pathLines = [...keptFiles.map((f) => f.path), `@types/node/${UNTYPED_FILE}`].map((path) => `/// <reference path="${posix.relative('@types/node', path)}" />`);
  files['@types/node/index.d.ts'] = ['// The part of @types/node the sandbox editor ships (src/lib/sandbox/typescript-types.ts).', ...libLines, ...pathLines, ''].join('\n');
  files['@types/node/package.json'] = JSON.stringify({ name: '@types/node', types: 'index.d.ts' });
  return files;
}

function* declarationFiles(dir: string, prefix: string): Generator<DeclarationFile> {
  for (const file of walk(dir)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, true);
    const declares = source.statements.filter(ts.isModuleDeclaration).flatMap((s) => (ts.isStringLiteral(s.name) ? [s.name.text] : []));
    const global = declares.length === 0 || /^\s*(declare )?global \{/m.test(text);
    yield { path: `${prefix}/${relative(dir, file).split(sep).join('/')}`, text, declares, global, extendsFrom: extendedModules(source) };
  }
}

/**
 * Modules that a declaration file's heritage clauses (`extends`, `implements`) reach: through a name it imports
 * (`tty.WriteStream`, `EventEmitter`), an `import("...")` type, or a local type alias whose definition does
 * (`type _Request = ... undici.Request`, then `interface Request extends _Request`). Names are matched per file,
 * not per `declare module` block: a name imported twice counts for both modules, which can only keep more.
 */
function extendedModules(source: ts.SourceFile): string[] {
  const imported = new Map<string, Set<string>>();
  const aliases = new Map<string, ts.Node[]>();
  const heritage: ts.Node[] = [];
  const bind = (name: string, module: string) => imported.set(name, (imported.get(name) ?? new Set()).add(module));
  const collect = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause) {
      const { name, namedBindings } = node.importClause;
      const module = node.moduleSpecifier.text;
      if (name) bind(name.text, module);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) bind(namedBindings.name.text, module);
      if (namedBindings && ts.isNamedImports(namedBindings)) for (const element of namedBindings.elements) bind(element.name.text, module);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      bind(node.name.text, node.moduleReference.expression.text);
    } else if (ts.isTypeAliasDeclaration(node)) {
      aliases.set(node.name.text, [...(aliases.get(node.name.text) ?? []), node.type]);
    } else if (ts.isHeritageClause(node)) {
      heritage.push(...node.types);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const found = new Set<string>();
  const seenAliases = new Set<string>();
  const reach = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      for (const module of imported.get(node.text) ?? []) found.add(module);
      if (aliases.has(node.text) && !seenAliases.has(node.text)) {
        seenAliases.add(node.text);
        for (const definition of aliases.get(node.text)!) reach(definition);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.add(node.argument.literal.text);
    }
    ts.forEachChild(node, reach);
  };
  for (const node of heritage) reach(node);
  return [...found].sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/**
 * The lib files the compiler loads for these options and files: found by running it (a program over the files
 * with the lib folder behind `/`, as the worker has them), since `/// <reference lib>` names are aliases that
 * change between versions (`esnext.float16` is lib.es2025.float16.d.ts in TypeScript 6).
 */
export function libFilesUsed(compilerOptions: ts.CompilerOptions, files: Record<string, string>): Record<string, string> {
  const root = '/sandbox-probe.ts';
  const virtual: Record<string, string> = { ...files, [root]: 'export {};' };
  const read = (path: string): string | undefined => {
    if (path in virtual) return virtual[path];
    if (!/^\/lib\.[\w.]+\.d\.ts$/.test(path)) return undefined;
    try {
      return readFileSync(join(TS_LIB, path.slice(1)), 'utf8');
    } catch {
      return undefined;
    }
  };
  const host: ts.CompilerHost = {
    ...ts.createCompilerHost(compilerOptions),
    getCurrentDirectory: () => '/',
    getDefaultLibLocation: () => '/',
    getDefaultLibFileName: (options) => `/${ts.getDefaultLibFileName(options)}`,
    fileExists: (path) => read(path) !== undefined,
    readFile: read,
    directoryExists: (dir) => Object.keys(virtual).some((path) => path.startsWith(dir.endsWith('/') ? dir : `${dir}/`)),
    getDirectories: () => [],
    realpath: (path) => path,
    getSourceFile: (path, language) => {
      const text = read(path);
      return text === undefined ? undefined : ts.createSourceFile(path, text, language);
    },
  };
  const used = ts.createProgram([root], compilerOptions, host).getSourceFiles().map((f) => f.fileName).filter((name) => name.startsWith('/lib.'));
  return Object.fromEntries(used.sort().map((name) => [name, read(name)!]));
}

/** Module names a file imports, re-exports, requires or loads with `import()`. */
export function moduleSpecifiers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) found.push(node.expression.text);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
