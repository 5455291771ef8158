import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportedFunction, loadUserModule } from '../../src/util/load-module';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-unit-load-'));
  fs.writeFileSync(path.join(dir, 'provider.cjs'), 'module.exports = function provider() { return "cjs"; };\n');
  fs.writeFileSync(path.join(dir, 'named.js'), 'exports.createAuth = () => "named";\n');
  fs.writeFileSync(path.join(dir, 'provider.mjs'), 'export default function provider() { return "esm"; }\nexport const kind = "esm";\n');
  fs.writeFileSync(path.join(dir, 'broken.js'), 'throw new Error("the module itself failed");\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadUserModule', () => {
  test('loads a CommonJS file with require', async () => {
    const mod = await loadUserModule(path.join(dir, 'provider.cjs'));
    expect(typeof mod).toBe('function');
    expect((mod as () => string)()).toBe('cjs');
  });

  test("a module's own error is not mistaken for an ES module refusal", async () => {
    await expect(loadUserModule(path.join(dir, 'broken.js'))).rejects.toThrow('the module itself failed');
    await expect(loadUserModule(path.join(dir, 'missing.js'))).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
  });

  test('loads an .mjs ES module through import() when require refuses it', () => {
    // Jest's vm realm has no import() without --experimental-vm-modules, and the loader runs in
    // Node's own realm in jest-mcp (worker and main process): so it runs in a child Node here, on
    // this source compiled by the TypeScript the project builds with.
    const script = `
      const fs = require('node:fs'), path = require('node:path'), ts = require('typescript');
      const [source, out, target] = process.argv.slice(1);
      const js = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(out, js);
      require(out).loadUserModule(target).then(
        (mod) => console.log(JSON.stringify({ default: mod.default(), kind: mod.kind })),
        (error) => { console.error(error); process.exit(1); },
      );`;
    const stdout = execFileSync(
      process.execPath,
      [
        '-e',
        script,
        path.resolve(__dirname, '../../src/util/load-module.ts'),
        path.join(dir, 'load-module.js'),
        path.join(dir, 'provider.mjs'),
      ],
      { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ default: 'esm', kind: 'esm' });
  });
});

describe('exportedFunction', () => {
  const fn = () => 1;
  const other = () => 2;

  test('the module itself, then default, then the given names in order', () => {
    expect(exportedFunction(fn)).toBe(fn);
    expect(exportedFunction({ default: fn, createAuth: other }, ['createAuth'])).toBe(fn);
    expect(exportedFunction({ default: 'not a function', createAuth: other }, ['createAuth'])).toBe(other);
    expect(exportedFunction({ a: fn, b: other }, ['b', 'a'])).toBe(other);
  });

  test('undefined when nothing fits, including for null and undefined modules', () => {
    expect(exportedFunction({ other: fn })).toBeUndefined();
    expect(exportedFunction({ createAuth: 'x' }, ['createAuth'])).toBeUndefined();
    expect(exportedFunction(undefined, ['x'])).toBeUndefined();
    expect(exportedFunction(null)).toBeUndefined();
  });

  test('works on what loadUserModule gives for named CommonJS exports', async () => {
    const mod = await loadUserModule(path.join(dir, 'named.js'));
    expect(exportedFunction(mod, ['createAuth'])?.()).toBe('named');
  });
});
