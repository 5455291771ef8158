import * as path from 'node:path';
import { resolvePlan } from '../../src/config/plan';
import type { ModuleClientSpec } from '../../src/config/specs';
import { type RealmLoader, loadSdk } from '../../src/sdk';
import { createInProcessTransport } from '../../src/transports/in-process';

/**
 * The in-process transport against the fixture servers of both SDK generations, in this file's
 * own module registry (what the preset's setup file gives the worker): a real client, a real
 * server, no socket; and what it says when the module cannot give a server.
 */

const FIXTURES = path.resolve(__dirname, '../servers/in-process');

const realm: RealmLoader = {
  async load(file) {
    const resolved = require.resolve(file);
    return { exports: jest.requireActual<object>(resolved), esm: false, resolved };
  },
  async loadFrom(from, specifier) {
    try {
      return jest.requireActual<object>(require.resolve(specifier, { paths: [path.dirname(from)] }));
    } catch {
      return undefined;
    }
  },
};

function spec(module: string, exported?: string, protocol?: string): ModuleClientSpec {
  const client = { module, ...(exported && { export: exported }), ...(protocol && { protocol }) };
  return resolvePlan({ envFile: false, clients: { unit: client } }, { rootDir: FIXTURES, env: {}, servers: {} })
    .clients[0] as ModuleClientSpec;
}

async function callNote(s: ModuleClientSpec): Promise<unknown> {
  const sdk = loadSdk('v2');
  const handle = await createInProcessTransport(sdk, s, realm);
  const client = (await sdk.createClient({ name: 't', version: '1', answers: {}, protocol: s.protocol })) as unknown as {
    connect(t: unknown): Promise<void>;
    callTool(p: unknown): Promise<{ content: Array<{ text: string }> }>;
    close(): Promise<void>;
  };
  try {
    await client.connect(handle.transport);
    return (await client.callTool({ name: 'note', arguments: { id: 'n1' } })).content[0].text;
  } finally {
    await client.close();
    await handle.dispose(1000);
  }
}

test.each([
  ['a 2.x server, legacy era', spec('./v2-server.ts', 'createServer', 'legacy')],
  ['a 2.x server, 2026-07-28 era', spec('./v2-server.ts', 'createServer', '2026-07-28')],
  ['a 1.x server (default export, no extension)', spec('./v1-server')],
])('%s answers in process', async (_name, s) => {
  await expect(callNote(s)).resolves.toBe('first note');
});

test.each([
  [spec('./missing.ts'), 'the server module ./missing.ts was not found'],
  [spec('./store.ts'), 'the server module ./store.ts has no default export (its exports: made, lookup, record)'],
  [spec('./store.ts', 'made'), 'its export "made" of ./store.ts is a plain object, not a function that makes the server'],
  [spec('./store.ts', 'lookup'), 'lookup() of ./store.ts returned undefined, not an McpServer or Server'],
  [spec('./store.ts', 'record'), 'record() of ./store.ts returned undefined'],
])('%#: a module that gives no server is named, with what is wrong', async (s, message) => {
  await expect(createInProcessTransport(loadSdk('v2'), s, realm)).rejects.toMatchObject({
    name: 'InProcessServerError',
    detail: expect.stringContaining(message),
  });
});

test("no test-file realm (the preset's setup file did not run) says what to add", async () => {
  await expect(createInProcessTransport(loadSdk('v2'), spec('./v2-server.ts'), undefined)).rejects.toMatchObject({
    hint: expect.stringContaining("'jest-mcp/setup-after-env' to setupFilesAfterEnv"),
  });
});
