import { withProtocolMatrix } from '../../src/config/protocol-matrix';

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
