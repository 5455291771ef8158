import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from '../../src/index';
import * as oauth from '../../src/oauth';
import { ROOT } from '../helpers/markdown';

/**
 * docs/api is TypeDoc's reference of the package's entry points (`jest-mcp`,
 * `jest-mcp/conformance`, `jest-mcp/oauth`, `jest-mcp/reporter`; typedoc.json), checked in so that it reads on
 * GitHub. It must be what TypeDoc makes of the sources now: an export added, removed or
 * re-documented without `npm run docs:api` fails here.
 */

const COMMITTED = path.join(ROOT, 'docs/api');
const fresh = path.join(ROOT, '.tmp', `api-reference-${process.pid}`);

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(() => {
  // TypeDoc is an ES module, which Jest's vm cannot import: it runs in a Node of its own.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', fresh, '--logLevel', 'Error'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}, 120_000);
afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

test('docs/api is what `npm run docs:api` makes of the sources now', () => {
  const made = filesUnder(fresh);
  expect(made).toEqual(
    expect.arrayContaining([
      'README.md',
      'jest-mcp/functions/openMcpClient.md',
      'jest-mcp/conformance/README.md',
      'jest-mcp/oauth/README.md',
    ]),
  );
  expect(filesUnder(COMMITTED)).toEqual(made);
  const differing = made.filter(
    (file) => fs.readFileSync(path.join(COMMITTED, file), 'utf8') !== fs.readFileSync(path.join(fresh, file), 'utf8'),
  );
  expect(differing).toEqual([]);
});

test('every value the package and jest-mcp/oauth export has a page', () => {
  const exported = [...Object.keys(api), ...Object.keys(oauth)].filter((name) => name !== '__esModule');
  const pages = filesUnder(COMMITTED).map((file) => path.basename(file, '.md'));
  expect(exported.filter((name) => !pages.includes(name))).toEqual([]);
});
