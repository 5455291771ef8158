import * as path from 'node:path';
import { resolvePlan } from '../../src/config/plan';
import type { ModuleClientSpec } from '../../src/config/specs';
import { assertMcpOptions } from '../../src/config/validate';
import { targetOf } from '../../src/coverage/recorder';
import { targetOf as httpTargetOf } from '../../src/session/http-target';

/** In-process clients (`{ module, export }`): what the config accepts, what it says otherwise, and the spec it makes. */

const M = 'testEnvironmentOptions.mcp.clients';
const ROOT = path.resolve('/project');

function problemsOf(clients: unknown): string[] {
  try {
    assertMcpOptions({ clients });
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the options to be rejected');
}

test('module and export, with the options every client has', () => {
  const raw: unknown = {
    clients: {
      unit: { module: './src/server.ts', export: 'createServer', session: 'test', protocol: '2026-07-28', timeouts: { connect: 3 } },
      plain: { module: 'src/server', elicitation: { response: { action: 'decline' } }, roots: [{ uri: 'file:///tmp' }] },
    },
  };
  assertMcpOptions(raw);
  expect(raw.clients?.unit).toMatchObject({ module: './src/server.ts', export: 'createServer' });
});

test('module with the keys of another kind of client: each named, with what to do', () => {
  expect(problemsOf({ a: { module: './s.ts', url: 'http://h/mcp', command: 'node', transport: 'stdio' } })).toEqual([
    `${M}.a.url: a client with \`module\` serves the module in the test's own process and needs no URL; remove \`url\``,
    `${M}.a.command: a client with \`module\` serves the module in the test's own process and needs no command; remove \`command\``,
    `${M}.a.transport: a client with \`module\` serves the module in the test's own process and needs no transport; remove \`transport\``,
  ]);
});

test('a misspelt key gets the nearest one; a bad module or export says what was expected', () => {
  expect(problemsOf({ a: { module: './s.ts', exports: 'make' } })).toEqual([
    `${M}.a.exports: unknown key; expected one of module, export, protocol, timeouts, session, roots, sampling, elicitation. Did you mean "export"?`,
  ]);
  expect(problemsOf({ a: { modul: './s.ts' } })).toEqual([
    `${M}.a: has neither \`url\` (Streamable HTTP or SSE) nor \`command\` (stdio) nor \`module\` (a server module, in process); set one of them`,
    expect.stringMatching(/^testEnvironmentOptions\.mcp\.clients\.a\.modul: unknown key; expected one of .*\. Did you mean "module"\?$/),
  ]);
  expect(problemsOf({ a: { module: '' }, b: { module: './s.ts', export: 'create-server' }, c: { module: 1, export: 2 } })).toEqual([
    `${M}.a.module: expected a non-empty string, got string ""`,
    `${M}.b.export: expected the name of the module's export that makes the server (e.g. "createServer"), got string "create-server"`,
    `${M}.c.module: expected a non-empty string, got number 1`,
    `${M}.c.export: expected the name of the module's export that makes the server (e.g. "createServer"), got number 2`,
  ]);
  expect(problemsOf({ a: { module: './s.ts', session: 'suite' } })).toEqual([
    `${M}.a.session: expected "file" (one session per test file) or "test" (one per test), got string "suite"`,
  ]);
});

test('the spec: the module resolved from rootDir, ${VAR} expanded, the export as written; no HTTP target, its own coverage key', () => {
  const plan = resolvePlan(
    {
      envFile: false,
      clients: { unit: { module: './${SRC}/server.ts', export: 'createServer', session: 'test' }, dflt: { module: 'lib/s' } },
    },
    { rootDir: ROOT, env: { SRC: 'src' }, servers: {} },
  );
  const [unit, dflt] = plan.clients as ModuleClientSpec[];
  expect(unit).toMatchObject({
    kind: 'in-process',
    module: path.join(ROOT, 'src/server.ts'),
    moduleAsWritten: './src/server.ts',
    export: 'createServer',
    session: 'test',
  });
  expect(dflt).toMatchObject({ kind: 'in-process', module: path.join(ROOT, 'lib/s'), export: undefined, session: 'file' });
  expect(httpTargetOf(unit)).toBeUndefined();
  expect(targetOf(unit)).toEqual({ key: 'unit', kind: 'client' });
});
