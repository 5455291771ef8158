import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * `npm run example` then `npm test` must pass: what the example run writes (git-ignored by
 * examples/.gitignore, such as the coverage reporter's mcp.json and mcp.html) must not be checked
 * by `prettier --check .`, which reads only the root's .gitignore and .prettierignore.
 */

const ROOT = path.resolve(__dirname, '../..');

// Prettier's API loads itself with import(), which Jest's vm refuses: ask it in a Node of its own.
function ignoredByPrettier(files: string[]): Record<string, boolean> {
  const script = `const prettier = require('prettier');
Promise.all(process.argv.slice(1).map((f) => prettier.getFileInfo(f, { ignorePath: ['.gitignore', '.prettierignore'] }).then((i) => [f, i.ignored])))
  .then((all) => process.stdout.write(JSON.stringify(Object.fromEntries(all))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, ...files], { cwd: ROOT, encoding: 'utf8' })) as Record<string, boolean>;
}

const examplesIgnored = fs
  .readFileSync(path.join(ROOT, 'examples/.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

const samples = examplesIgnored.map((entry) => (entry.endsWith('/') ? `examples/${entry}sample.json` : `examples/${entry}`));
const run = ['examples/coverage/mcp.json', 'examples/coverage/mcp.html'];
const sources = ['examples/tests/tools.test.ts', 'src/index.ts'];
const answers = ignoredByPrettier([...samples, ...run, ...sources]);

test.each(samples)('%s, git-ignored in examples/, is ignored by Prettier too', (sample) => {
  expect(answers[sample]).toBe(true);
});

test('the files of the example run are ignored, and sources are not', () => {
  expect(run.map((f) => answers[f])).toEqual([true, true]);
  expect(sources.map((f) => answers[f])).toEqual([false, false]);
});
