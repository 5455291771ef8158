import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveSdkGeneration } from '../../src/sdk/detect';

/**
 * Which SDK generation a project gets. Projects are made in a temp dir with stand-in packages
 * (a package.json and an entry file are all `require.resolve` needs).
 */

const roots: string[] = [];
afterAll(() => roots.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function project(installed: Array<'v1' | 'v2'>, declared?: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-detect-'));
  roots.push(dir);
  if (declared) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'p', devDependencies: declared }));
  if (installed.includes('v1')) {
    const pkg = path.join(dir, 'node_modules/@modelcontextprotocol/sdk');
    fs.mkdirSync(path.join(pkg, 'client'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@modelcontextprotocol/sdk', version: '1.32.2' }));
    fs.writeFileSync(path.join(pkg, 'client/index.js'), '');
  }
  if (installed.includes('v2')) {
    const pkg = path.join(dir, 'node_modules/@modelcontextprotocol/client');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({ name: '@modelcontextprotocol/client', version: '2.4.0', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(pkg, 'index.js'), '');
  }
  return dir;
}

test('only one installed: that one', () => {
  expect(resolveSdkGeneration(project(['v1']))).toBe('v1');
  expect(resolveSdkGeneration(project(['v2']))).toBe('v2');
});

test('both installed, nothing declared: 2.x', () => {
  expect(resolveSdkGeneration(project(['v1', 'v2']))).toBe('v2');
});

test('both installed, package.json declares one: that one', () => {
  expect(resolveSdkGeneration(project(['v1', 'v2'], { '@modelcontextprotocol/sdk': '^1.32.0' }))).toBe('v1');
  expect(resolveSdkGeneration(project(['v1', 'v2'], { '@modelcontextprotocol/client': '^2.4.0' }))).toBe('v2');
  expect(resolveSdkGeneration(project(['v1', 'v2'], { '@modelcontextprotocol/sdk': '1', '@modelcontextprotocol/client': '2' }))).toBe('v2');
});

test('mcp.sdk wins over everything, and must be installed', () => {
  expect(resolveSdkGeneration(project(['v1', 'v2'], { '@modelcontextprotocol/client': '2' }), 'v1')).toBe('v1');
  expect(() => resolveSdkGeneration(project(['v2']), 'v1')).toThrow(
    /mcp\.sdk is "v1", but @modelcontextprotocol\/sdk is not installed.*npm install --save-dev @modelcontextprotocol\/sdk@\^1\.24/,
  );
});

test('neither installed: one error naming both install commands', () => {
  const error = (() => {
    try {
      resolveSdkGeneration(project([]));
    } catch (e) {
      return e as Error & { code?: string };
    }
  })();
  expect(error?.code).toBe('JEST_MCP_CONFIG');
  expect(error?.message).toContain('npm install --save-dev @modelcontextprotocol/client@^2');
  expect(error?.message).toContain('npm install --save-dev @modelcontextprotocol/sdk@^1.24');
});
