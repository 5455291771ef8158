import * as fs from 'node:fs';
import * as path from 'node:path';
import { MATRIX_OPTION, withProtocolMatrix } from '../../src/config/protocol-matrix';
import { McpConfigError } from '../../src/util/errors';

const base = {
  preset: 'jest-mcp',
  testMatch: ['<rootDir>/tests/**/*.test.js'],
  maxWorkers: 2,
  reporters: ['default'],
  testEnvironmentOptions: { other: 1, mcp: { clients: { a: { url: 'http://127.0.0.1:1/mcp' } } } },
};

test('one project per protocol, named, each with mcp.protocol set', () => {
  const config = withProtocolMatrix(base, ['legacy', '2026-07-28']) as unknown as { projects: Array<Record<string, unknown>> } & Record<
    string,
    unknown
  >;
  expect(config.projects.map((p) => (p.displayName as { name: string }).name)).toEqual(['mcp legacy', 'mcp 2026-07-28']);
  expect(config.projects.map((p) => (p.testEnvironmentOptions as { mcp: { protocol: string } }).mcp.protocol)).toEqual([
    'legacy',
    '2026-07-28',
  ]);
  // The rest of the project's options travel into each project, untouched.
  expect(config.projects[1]).toMatchObject({
    preset: 'jest-mcp',
    testMatch: base.testMatch,
    testEnvironmentOptions: { other: 1, mcp: { clients: base.testEnvironmentOptions.mcp.clients } },
  });
});

test('global-only options stay at the top, project options leave it', () => {
  const config = withProtocolMatrix(base, ['legacy']) as unknown as Record<string, unknown>;
  expect(Object.keys(config).sort()).toEqual(['maxWorkers', 'projects', 'reporters']);
  expect((config.projects as Array<Record<string, unknown>>)[0]).not.toHaveProperty('maxWorkers');
});

test("the config's own displayName prefixes each project's", () => {
  const config = withProtocolMatrix({ ...base, displayName: 'notes' }, ['auto']) as unknown as {
    projects: Array<{ displayName: { name: string } }>;
  };
  expect(config.projects[0].displayName.name).toBe('notes mcp auto');
});

test('the input is not changed', () => {
  const copy = JSON.parse(JSON.stringify(base));
  withProtocolMatrix(base, ['legacy', 'auto']);
  expect(base).toEqual(copy);
});

test('bad input is refused with what to do', () => {
  expect(() => withProtocolMatrix(base, [])).toThrow(/non-empty list of protocols/);
  expect(() => withProtocolMatrix({ ...base, projects: [] }, ['legacy'])).toThrow(/without `projects`/);
});

test('each project carries the protocol the matrix set, for messages', () => {
  const config = withProtocolMatrix(base, ['legacy', 'auto']) as unknown as {
    projects: Array<{ testEnvironmentOptions: Record<string, unknown> }>;
  };
  expect(config.projects.map((p) => p.testEnvironmentOptions[MATRIX_OPTION])).toEqual(['legacy', 'auto']);
});

describe('a project on SDK 1.x', () => {
  // Under the repo, whose node_modules hold both generations: the package.json declares 1.x only.
  const rootDir = path.resolve(__dirname, '../../.tmp/unit-matrix-v1');
  beforeAll(() => {
    fs.mkdirSync(rootDir, { recursive: true });
    fs.writeFileSync(path.join(rootDir, 'package.json'), JSON.stringify({ devDependencies: { '@modelcontextprotocol/sdk': '*' } }));
  });
  afterAll(() => fs.rmSync(rootDir, { recursive: true, force: true }));

  test('a matrix asking for another protocol than legacy is refused when the config is read', () => {
    expect(() => withProtocolMatrix({ ...base, rootDir }, ['legacy', '2026-07-28'])).toThrow(McpConfigError);
    expect(() => withProtocolMatrix({ ...base, rootDir }, ['legacy', '2026-07-28'])).toThrow(
      /withProtocolMatrix\(config, \["legacy","2026-07-28"\]\) asks for protocol "2026-07-28", but the tests use the MCP SDK 1\.x.*@modelcontextprotocol\/client@\^2/,
    );
  });

  test('legacy alone, or mcp.sdk v2, is fine', () => {
    expect(() => withProtocolMatrix({ ...base, rootDir }, ['legacy'])).not.toThrow();
    const v2 = { ...base, rootDir, testEnvironmentOptions: { mcp: { sdk: 'v2' } } };
    expect(() => withProtocolMatrix(v2, ['legacy', '2026-07-28'])).not.toThrow();
  });
});
