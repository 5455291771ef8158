import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlan } from '../../src/config/plan';
import type { ModuleClientSpec } from '../../src/config/specs';
import { type RealmLoader, type ServerRequestAnswers, loadSdk } from '../../src/sdk';
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

type TestClient = { callTool(p: unknown): Promise<{ content: Array<{ text: string }> }> };

/** A real 2.x client of the spec's server, for `use`; closed (client and server) after it. */
async function withClient<T>(s: ModuleClientSpec, use: (client: TestClient) => Promise<T>, answers: ServerRequestAnswers = {}): Promise<T> {
  const sdk = loadSdk('v2');
  const handle = await createInProcessTransport(sdk, s, realm);
  const client = (await sdk.createClient({ name: 't', version: '1', answers, protocol: s.protocol })) as unknown as TestClient & {
    connect(t: unknown): Promise<void>;
    close(): Promise<void>;
  };
  try {
    await client.connect(handle.transport);
    return await use(client);
  } finally {
    await client.close();
    await handle.dispose(1000);
  }
}

const text = async (client: TestClient, name: string, args: object = {}) =>
  (await client.callTool({ name, arguments: args })).content[0].text;

async function callNote(s: ModuleClientSpec): Promise<unknown> {
  return withClient(s, (client) => text(client, 'note', { id: 'n1' }));
}

test.each([
  ['a 2.x server, legacy era', spec('./v2-server.ts', 'createServer', 'legacy')],
  ['a 2.x server, 2026-07-28 era', spec('./v2-server.ts', 'createServer', '2026-07-28')],
  ['a 1.x server (default export, no extension)', spec('./v1-server')],
])('%s answers in process', async (_name, s) => {
  await expect(callNote(s)).resolves.toBe('first note');
});

test('a 2.x server in the legacy era keeps one instance for the session, and can ask the client (elicitation)', async () => {
  const elicitation = async () => ({ action: 'accept', content: { name: 'Ada' } });
  const result = await withClient(
    spec('./v2-server.ts', 'createServer', 'legacy'),
    async (client) => {
      const before = Number(await text(client, 'instances'));
      for (let i = 0; i < 5; i++) await text(client, 'note', { id: 'n1' });
      return { answer: await text(client, 'ask'), made: Number(await text(client, 'instances')) - before };
    },
    { elicitation },
  );
  expect(result).toEqual({ answer: JSON.stringify({ name: 'Ada' }), made: 0 });
});

test('a 2.x server in the 2026-07-28 era reuses idle instances, and makes more for calls in parallel', async () => {
  const made = await withClient(spec('./v2-server.ts', 'createServer', '2026-07-28'), async (client) => {
    const before = Number(await text(client, 'instances'));
    for (let i = 0; i < 5; i++) await text(client, 'note', { id: 'n1' });
    const sequential = Number(await text(client, 'instances')) - before;
    const answers = await Promise.all([1, 2, 3, 4].map(() => text(client, 'note', { id: 'n1' })));
    expect(answers).toEqual(Array(4).fill('first note'));
    return { sequential, parallel: Number(await text(client, 'instances')) - before };
  });
  expect(made.sequential).toBe(0);
  expect(made.parallel).toBeGreaterThan(0);
  expect(made.parallel).toBeLessThanOrEqual(4);
});

test.each([
  ['2.x, legacy', spec('./v2-server.ts', 'createServer', 'legacy')],
  ['1.x', spec('./v1-server')],
])('%s: the session streams set no keep-alive timers in the test realm (fake timers would run and count them)', async (_name, s) => {
  jest.useFakeTimers();
  try {
    const pending = await withClient(s, async (client) => {
      await text(client, 'note', { id: 'n1' });
      return jest.getTimerCount();
    });
    expect(pending).toBe(0);
  } finally {
    jest.useRealTimers();
  }
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

test('a factory returning { server, cleanup } is served, and its cleanup runs after the server closed', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-boxed-')), 'events');
  process.env.IN_PROCESS_EVENTS = file;
  try {
    await expect(withClient(spec('./boxed-server.ts', 'createServer'), (client) => text(client, 'tag'))).resolves.toBe('boxed');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toEqual(['open boxed', 'close boxed', 'cleanup boxed']);
  } finally {
    delete process.env.IN_PROCESS_EVENTS;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
