// Lint for `npm test` (formatting is Prettier's job: no stylistic rules are enabled here).
// src/: type-checked rules; test/: the plain TypeScript rules (speed; types are checked by
// `npm run typecheck`); plain JavaScript (fixture servers, bench, preset): the JS rules, CommonJS.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // A disable comment that no longer disables anything fails the lint instead of lingering.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // examples/ is a user's project with its own dependencies and its own checks.
    // src/sdk/clients.d.ts is hand-written with deliberate `@ts-ignore`d imports (see its header).
    ignores: ['dist/', '.tmp/', 'examples/', 'node_modules/', 'coverage/', 'src/sdk/clients.d.ts'],
  },
  {
    files: ['src/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Lazy loading is a design goal: `require()` at first use keeps `import 'jest-mcp'` cheap in a
      // test and keeps a worker that opens no client from loading an MCP SDK (see src/index.ts, src/sdk/).
      '@typescript-eslint/no-require-imports': 'off',
      // `async` without `await` is deliberate: these implement Promise-returning interfaces (the SDK
      // interface, transports, responders) with synchronous work, and `async` turns a synchronous
      // throw (say, a missing SDK module on `require`) into the rejection callers handle.
      '@typescript-eslint/require-await': 'off',
      // The realm bridge passes a rejection on as it came (from the SDK, a server, a user's code):
      // an `any`/`unknown` reason is allowed, as `only-throw-error` allows by default; a literal or a
      // value known not to be an Error is still reported.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    // `new Function('specifier', 'return import(specifier)')`: a constant body, not eval of data. It
    // keeps a real `import()` that TypeScript's CommonJS output would turn into `require()`, which
    // cannot load a user's ES module (hooks, auth providers, responders).
    files: ['src/servers/user-hook.ts', 'src/util/load-module.ts'],
    rules: { '@typescript-eslint/no-implied-eval': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    files: ['test/servers/**/*.js', 'bench/**/*.js', 'preset/**/*.js', 'jest-preset.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
