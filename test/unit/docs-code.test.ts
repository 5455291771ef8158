import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { CHECKED_LANGS, docBlocks, typeCheck, type DocBlock } from '../helpers/doc-code';
import { ROOT } from '../helpers/markdown';

/**
 * The docs' code is the first thing users copy: every ```ts and ```js block type-checks against
 * the built package (run `npm run build` first), every ```json block parses, and a block that is
 * only a piece of something larger says so in its fence (`fragment`), as one that imports a
 * package the user installs does (`needs=playwright`).
 */

const blocks = docBlocks();
const checked = blocks.filter((b) => CHECKED_LANGS.includes(b.lang) && b.mode !== 'fragment');
// A block that augments jest-mcp's types (declared client names, `McpTypes`) changes them for
// every file it is compiled with: each is checked alone.
const augmenting = checked.filter((b) => /declare module 'jest-mcp(\/[\w/]+)?'/.test(b.code));
const plain = checked.filter((b) => !augmenting.includes(b));
// jest.config.js blocks and `mcp-options` blocks are also run (below).
const configs = blocks.filter(
  (b) => b.lang === 'js' && (b.mode === 'mcp-options' || (b.mode === 'file' && /^\/\/ jest\.config\.js/.test(b.code))),
);
const workDir = path.join(ROOT, '.tmp', `docs-code-${process.pid}`);

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first.');
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('the docs have code blocks to check, and only ts, js, json, sh, yaml or plain text', () => {
  expect(checked.length).toBeGreaterThan(30);
  expect(configs.length).toBeGreaterThan(8);
  expect(blocks.filter((b) => !['ts', 'js', 'json', 'sh', 'yaml', ''].includes(b.lang)).map((b) => `${b.where} ${b.lang}`)).toEqual([]);
});

test('every ts and js block type-checks against the built package', () => {
  expect(typeCheck(plain, path.join(workDir, 'all'))).toEqual([]);
}, 120_000);

test('a needs= block has only its own packages declared, as any, and the rest of it checked', () => {
  const block = (line: number, needs: string[], code: string): DocBlock => ({
    where: `page.md:${line}`,
    lang: 'js',
    mode: 'file',
    needs,
    code,
  });
  const problems = typeCheck(
    [
      block(10, ['playwright'], "const { chromium } = require('playwright');\nlet port = 1;\nport.toUpperCase(chromium);"),
      block(20, [], "const { chromium } = require('playwright');"),
      block(30, ['playwright'], 'const answer = 42;'),
      block(40, ['typescript'], "const ts = require('typescript');"),
    ],
    path.join(workDir, 'needs'),
  );
  expect(problems.sort()).toEqual([
    "page.md:13: Property 'toUpperCase' does not exist on type 'number'.",
    "page.md:21: Cannot find module 'playwright' or its corresponding type declarations.",
    'page.md:30: needs=playwright, but the block does not import "playwright".',
    'page.md:40: needs=typescript, but "typescript" is installed here: drop needs= so that the block is checked against its types.',
  ]);
}, 120_000);

test.each(augmenting.map((b) => [b.where, b] as const))(
  '%s (it augments jest-mcp) type-checks on its own',
  (_where, block) => {
    expect(typeCheck([block], path.join(workDir, _where.replace(/[^\w]+/g, '-')))).toEqual([]);
  },
  120_000,
);

test('every json block parses', () => {
  const broken = blocks
    .filter((b) => b.lang === 'json')
    .flatMap((b) => {
      try {
        JSON.parse(b.code);
        return [];
      } catch (error) {
        return [`${b.where}: ${(error as Error).message}`];
      }
    });
  expect(broken).toEqual([]);
});

/**
 * Configs are also run: each jest.config.js of the docs (and each `mcp-options` block) is
 * evaluated with the built package and its `mcp` options go through jest-mcp's own validation,
 * which knows more than the types (a client with both `url` and `command`, an unknown transport).
 */
function evaluate(block: DocBlock): unknown {
  const requireFromRepo = createRequire(path.join(ROOT, 'package.json'));
  const module = { exports: {} as unknown };
  const code = block.mode === 'mcp-options' ? `module.exports = {\n${block.code}\n};` : block.code;
  new Function('module', 'exports', 'require', code)(module, module.exports, requireFromRepo);
  return module.exports;
}

function mcpOptionsOf(config: unknown): unknown[] {
  const c = config as { projects?: unknown[]; testEnvironmentOptions?: { mcp?: unknown } };
  if (Array.isArray(c.projects)) return c.projects.flatMap(mcpOptionsOf);
  return c.testEnvironmentOptions?.mcp === undefined ? [] : [c.testEnvironmentOptions.mcp];
}

test.each(configs.map((b) => [b.where, b] as const))("%s: its mcp options pass jest-mcp's validation", (_where, block) => {
  const { assertMcpOptions } = createRequire(path.join(ROOT, 'package.json'))('./dist/config/validate.js') as {
    assertMcpOptions(raw: unknown): void;
  };
  const options = block.mode === 'mcp-options' ? [evaluate(block)] : mcpOptionsOf(evaluate(block));
  // A reporter-only config has no mcp options; the rest must pass.
  for (const mcp of options) assertMcpOptions(mcp);
});
