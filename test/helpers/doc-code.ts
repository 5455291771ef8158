import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT, parseMarkdown } from './markdown';

/**
 * The code blocks of the docs as files a compiler checks: every ```ts and ```js block is
 * type-checked against the built package (`jest-mcp` resolves to this repository's dist/ through
 * its package.json `exports`, as in a user's project). The fence's info says how a block is meant:
 *
 *   ```js                 a whole file (a test file, a jest.config.js, a module)
 *   ```js test-body       statements inside a test: checked inside `test('…', async () => { … })`
 *   ```js mcp-options     keys of `testEnvironmentOptions.mcp` (`clients: { … }`): checked as an `McpOptions`
 *   ```js fragment        any other piece of something larger: not checked
 *   ```ts esm             a whole file checked as an ES module (`.mts`), as a Vitest project's files are
 *
 * A block that imports a package the user installs (Playwright in a login module) says so with
 * `needs=<package>[,<package>]` (```` ```js needs=playwright ````): it is checked like any other, in a
 * program of its own where only those packages are declared as `any` modules. A `needs=` package
 * the block does not import, or one this repository has installed (then check it for real), is a
 * problem too.
 *
 * TypeScript blocks are checked `strict`, as the tsconfig the docs recommend; JavaScript blocks
 * with `checkJs` and no `strict`, as an editor checks a user's JavaScript.
 */

export interface DocBlock {
  /** Where it is: `docs/oauth.md:12`. */
  where: string;
  lang: string;
  mode: 'file' | 'test-body' | 'mcp-options' | 'fragment';
  /** Packages the user installs that the block imports (`needs=playwright`): declared as `any`. */
  needs: string[];
  code: string;
  /** Checked as an ES module file (`esm` in its fence): `import` conditions, as Vitest resolves them. */
  esm?: boolean;
}

export const CHECKED_LANGS = ['ts', 'js'];

/** The pages users copy code from: the README, docs/ and the examples' README. */
export function docPages(): string[] {
  const docs = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'api' ? [] : docs(full);
      return entry.name.endsWith('.md') ? [full] : [];
    });
  return [path.join(ROOT, 'README.md'), path.join(ROOT, 'examples/README.md'), ...docs(path.join(ROOT, 'docs'))];
}

export function docBlocks(): DocBlock[] {
  return docPages().flatMap((page) =>
    parseMarkdown(fs.readFileSync(page, 'utf8')).blocks.map((block) => {
      const mode = (['fragment', 'test-body', 'mcp-options'] as const).find((m) => block.info.includes(m)) ?? 'file';
      const needs = block.info.flatMap((word) => (word.startsWith('needs=') ? word.slice('needs='.length).split(',').filter(Boolean) : []));
      const where = `${path.relative(ROOT, page)}:${block.line}`;
      return { where, lang: block.lang, mode, needs, code: block.code, esm: block.info.includes('esm') };
    }),
  );
}

interface SourceFile {
  name: string;
  text: string;
  block: DocBlock;
  /** Lines added above the block's first line. */
  offset: number;
}

function asSource(block: DocBlock, index: number): SourceFile {
  const esm = /^\s*(import|export)\s/m.test(block.code);
  const ext = block.lang === 'ts' ? (block.esm ? '.mts' : '.ts') : esm ? '.mjs' : '.js';
  const name = `block-${String(index).padStart(3, '0')}-${block.where.replace(/[^\w]+/g, '-')}${ext}`;
  if (block.mode === 'mcp-options') {
    const head =
      block.lang === 'ts'
        ? ["import type { McpOptions } from 'jest-mcp';", 'export const mcp: McpOptions = {']
        : ["/** @type {import('jest-mcp').McpOptions} */", 'const mcp = {'];
    const tail = block.lang === 'ts' ? ['};'] : ['};', 'module.exports = mcp;'];
    return { name, text: [...head, block.code, ...tail].join('\n'), block, offset: head.length };
  }
  if (block.mode !== 'test-body') return { name, text: block.code, block, offset: 0 };
  // Imports stay at the top of the file; the statements go inside a test.
  const lines = block.code.split('\n');
  const imports = lines.filter((l) => /^import\s/.test(l));
  const body = lines.map((l) => (/^import\s/.test(l) ? '' : l));
  const head = [...imports, "test('a docs example', async () => {"];
  return { name, text: [...head, ...body, '});'].join('\n'), block, offset: head.length };
}

/**
 * Stand-ins for a user's own code that examples call (a database seeder, a clean-up): declared
 * here so that what the example shows of jest-mcp is checked, not the user's part.
 */
const USER_CODE = `/// <reference types="jest-mcp" />
declare function seedDatabase(url: string): Promise<void>;
declare function cleanUp(): Promise<void>;
`;

const COMMON: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  moduleDetection: ts.ModuleDetectionKind.Force,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  types: ['jest', 'node'],
};

// Parsed declaration files (the SDK's, Jest's, Node's), shared by every program the test makes.
const parsed = new Map<string, ts.SourceFile | undefined>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith('.d.ts') || fileName.includes(`${path.sep}docs-code-`))
      return read(fileName, languageVersion, onError, shouldCreate);
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, languageVersion, onError, shouldCreate));
    return parsed.get(fileName);
  };
  return host;
}

/** What is wrong with a block's `needs=`: a package it does not import, or one that is installed here. */
function needsProblems(block: DocBlock): string[] {
  return block.needs.flatMap((pkg) => {
    const quoted = new RegExp(`(from|require\\(|import\\()\\s*['"]${pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^'"]*)?['"]`);
    if (!quoted.test(block.code)) return [`${block.where}: needs=${pkg}, but the block does not import "${pkg}".`];
    if (fs.existsSync(path.join(ROOT, 'node_modules', pkg)))
      return [`${block.where}: needs=${pkg}, but "${pkg}" is installed here: drop needs= so that the block is checked against its types.`];
    return [];
  });
}

/**
 * Type-checks `blocks` (under `dir`, where `node_modules/jest-mcp` links to the repository, so the
 * package resolves through its own `exports`), and returns the problems as `<page>:<line>: <message>`.
 */
export function typeCheck(blocks: DocBlock[], dir: string): string[] {
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  const link = path.join(dir, 'node_modules', 'jest-mcp');
  if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'docs-code', private: true, type: 'commonjs' }));
  fs.writeFileSync(path.join(dir, 'user-code.d.ts'), USER_CODE);
  const sources = blocks.map(asSource);
  for (const source of sources) fs.writeFileSync(path.join(dir, source.name), source.text);
  const byFile = new Map(sources.map((s) => [path.join(dir, s.name), s]));
  // One program per language and set of `needs=` packages: a package declared for one block
  // must not excuse another block's import of it.
  const groups = new Map<string, { files: SourceFile[]; needs: string[]; options: ts.CompilerOptions }>();
  for (const source of sources) {
    const isTs = source.block.lang === 'ts';
    const needs = [...new Set(source.block.needs)].sort();
    const key = `${isTs ? 'ts' : 'js'}:${needs.join(',')}`;
    const options = isTs ? { ...COMMON, strict: true } : { ...COMMON, allowJs: true, checkJs: true };
    if (!groups.has(key)) groups.set(key, { files: [], needs, options });
    groups.get(key)!.files.push(source);
  }
  const problems = blocks.flatMap(needsProblems);
  return [
    ...problems,
    ...[...groups.values()].flatMap(({ files, needs, options }, index) => {
      const roots = [path.join(dir, 'user-code.d.ts'), ...files.map((s) => path.join(dir, s.name))];
      if (needs.length > 0) {
        const declarations = path.join(dir, `needs-${index}.d.ts`);
        fs.writeFileSync(declarations, needs.map((pkg) => `declare module '${pkg}';\ndeclare module '${pkg}/*';\n`).join(''));
        roots.unshift(declarations);
      }
      const program = ts.createProgram(roots, options, cachingHost(options));
      return ts.getPreEmitDiagnostics(program).map((d) => {
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        const source = d.file && byFile.get(d.file.fileName);
        if (!source || d.start === undefined) return `${d.file?.fileName ?? '(program)'}: ${message}`;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
        const [page, first] = source.block.where.split(':');
        return `${page}:${Number(first) + 1 + line - source.offset}: ${message}`;
      });
    }),
  ];
}
