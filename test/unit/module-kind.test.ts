import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type LoadsAsEsm = typeof import('../../src/realm/module-kind').loadsAsEsm;

/** A fresh copy of the module: it caches package types per directory for the life of the worker. */
function load(withVmModules: boolean): LoadsAsEsm {
  jest.resetModules();
  if (withVmModules) {
    // What `node --experimental-vm-modules` adds; this process cannot be started with it.
    jest.doMock('node:vm', () => ({ ...jest.requireActual<object>('node:vm'), SourceTextModule: class SourceTextModule {} }));
  } else {
    jest.dontMock('node:vm');
  }
  return jest.requireActual<typeof import('../../src/realm/module-kind')>('../../src/realm/module-kind').loadsAsEsm;
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-unit-kind-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('esm/package.json', '{ "type": "module" }');
  write('esm/nested/deeper/.keep', '');
  write('cjs/package.json', '{ "type": "commonjs" }');
  write('untyped/package.json', '{ "name": "x" }');
  write('broken/package.json', '{ not json');
  // A CommonJS package inside an ES module one: the nearest package.json decides.
  write('esm/inner-cjs/package.json', '{ "type": "commonjs" }');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('without vm modules (this process) nothing loads as ESM, not even .mjs', () => {
  const loadsAsEsm = load(false);
  expect(loadsAsEsm(path.join(root, 'esm/a.mjs'))).toBe(false);
  expect(loadsAsEsm(path.join(root, 'esm/a.js'))).toBe(false);
  expect(loadsAsEsm(path.join(root, 'a.ts'), ['.ts'])).toBe(false);
});

describe('with vm modules', () => {
  let loadsAsEsm: LoadsAsEsm;
  beforeAll(() => {
    loadsAsEsm = load(true);
  });
  afterAll(() => {
    jest.dontMock('node:vm');
    jest.resetModules();
  });

  test('.mjs always, .cjs never, whatever the package type', () => {
    expect(loadsAsEsm(path.join(root, 'cjs/a.mjs'))).toBe(true);
    expect(loadsAsEsm(path.join(root, 'esm/a.cjs'))).toBe(false);
  });

  test('other extensions only when listed in extensionsToTreatAsEsm', () => {
    expect(loadsAsEsm(path.join(root, 'esm/a.ts'))).toBe(false);
    expect(loadsAsEsm(path.join(root, 'cjs/a.ts'), ['.ts', '.mts'])).toBe(true);
    expect(loadsAsEsm(path.join(root, 'esm/a.jsx'), ['.ts'])).toBe(false);
  });

  test('.js follows the nearest package.json type', () => {
    expect(loadsAsEsm(path.join(root, 'esm/a.test.js'))).toBe(true);
    expect(loadsAsEsm(path.join(root, 'esm/nested/deeper/a.test.js'))).toBe(true);
    expect(loadsAsEsm(path.join(root, 'esm/inner-cjs/a.test.js'))).toBe(false);
    expect(loadsAsEsm(path.join(root, 'cjs/a.test.js'))).toBe(false);
    expect(loadsAsEsm(path.join(root, 'untyped/a.test.js'))).toBe(false);
  });

  test('an unreadable package.json counts as no type (CommonJS)', () => {
    expect(loadsAsEsm(path.join(root, 'broken/a.test.js'))).toBe(false);
  });
});
