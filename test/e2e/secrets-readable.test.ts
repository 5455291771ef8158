import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { type JestRun, runJest } from '../helpers/jest-process';
import type { SdkGeneration } from '../helpers/per-sdk';
import { createProject, type Project } from '../helpers/project';

/**
 * The other half of the secrets promise (test/e2e/secrets.test.ts is the first): ordinary values
 * a `.env` gives the config stay readable. `true`, `false`, a number and a program's path reach a
 * stdio server through its command, args and env; the server echoes them, and they must read as
 * they are in snapshots, in diffs, in thrown messages and in a start error. In the same run, the
 * credentials beside them (a variable named like one, and a plain value in a server's env) are
 * hidden everywhere, and `mcp.secrets` says the rest outright both ways.
 */

const ECHO = require.resolve('../servers/secrets-echo.js');
const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
/** Random lowercase letters: no shape rule can find them, only knowing where they are used. */
const SECRETS = { API_KEY: letters(20), PLAIN_IN_ENV: letters(20), ADDED: letters(20) };
const MISSING_SCRIPT = path.join(path.dirname(ECHO), 'no-such-server-script.js');

const ENV_FILE = `DISABLE_THOUGHT_LOGGING=true
VERBOSE_LOGGING=false
MAX_TOKENS=4096
NODE_BIN=${process.execPath}
ECHO_SCRIPT=${ECHO}
MISSING_SCRIPT=${MISSING_SCRIPT}
MODEL_NAME=gpt-4o-mini-2024
API_KEY=${SECRETS.API_KEY}
PLAIN_IN_ENV=${SECRETS.PLAIN_IN_ENV}
NEVER_USED_HERE=${SECRETS.ADDED}
`;

const TEST_FILE = `/** @mcp-clients think */
const given = async () => (await mcpClients.think.callTool({ name: 'given', arguments: {} })).content[0].text;

test('a snapshot of what the server was given', async () => {
  expect(await given()).toMatchSnapshot();
  expect({ content: [], structuredContent: { nextThoughtNeeded: true, verbose: false, totalThoughts: 4096 } }).toMatchSnapshot();
});

test('a diff of a result', async () => {
  expect({ text: await given(), nextThoughtNeeded: true }).toEqual({ text: 'nothing', nextThoughtNeeded: false });
});

test('a thrown message', async () => {
  throw new Error('the server said: ' + (await given()) + ' (prefersBorder: true)');
});
`;

function makeProject(sdk: SdkGeneration): Project {
  const project = createProject({
    '.env': ENV_FILE,
    'think.test.js': TEST_FILE,
    'missing.test.js': `/** @mcp-clients missing */\ntest('never runs', () => {});\n`,
  });
  const m = project.marker;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        sdk,
        secrets: { add: ['NEVER_USED_HERE'], ignore: ['MODEL_NAME'] },
        clients: {
          think: {
            command: '${NODE_BIN}',
            args: ['${ECHO_SCRIPT}', 'stdio', '--max-tokens', '${MAX_TOKENS}', '--model', '${MODEL_NAME}', m],
            env: {
              CANARY_DISABLE: '${DISABLE_THOUGHT_LOGGING}',
              CANARY_VERBOSE: '${VERBOSE_LOGGING}',
              CANARY_SCRIPT: '${ECHO_SCRIPT}',
              CANARY_KEY: '${API_KEY}',
              CANARY_PLAIN: '${PLAIN_IN_ENV}',
              CANARY_ADDED: '${NEVER_USED_HERE}',
            },
          },
          missing: { command: '${NODE_BIN}', args: ['${MISSING_SCRIPT}', m], timeouts: { connect: 20 } },
        },
      },
    },
  });
  return project;
}

const projects: Partial<Record<SdkGeneration, Project>> = {};
const runs: Partial<Record<SdkGeneration, JestRun>> = {};
afterAll(() => Object.values(projects).forEach((p) => p.remove()));

beforeAll(async () => {
  for (const sdk of ['v1', 'v2'] as const) projects[sdk] = makeProject(sdk);
  // --ci=false: the snapshots are written, so their file can be read.
  const [v1, v2] = await Promise.all(
    (['v1', 'v2'] as const).map((sdk) => runJest(projects[sdk]!.dir, { args: ['-i', '--ci=false', '--json', '--outputFile=report.json'] })),
  );
  Object.assign(runs, { v1, v2 });
}, 180_000);

describe.each(['v1', 'v2'] as const)('SDK %s', (sdk) => {
  const readable = [
    'CANARY_DISABLE=true',
    'CANARY_VERBOSE=false',
    '--max-tokens 4096',
    `CANARY_SCRIPT=${ECHO}`,
    '--model gpt-4o-mini-2024',
  ];

  test('the snapshot file shows true, false, numbers and paths as they are', () => {
    const snap = fs.readFileSync(path.join(projects[sdk]!.dir, '__snapshots__/think.test.js.snap'), 'utf8');
    for (const text of readable) expect(snap).toContain(text);
    expect(snap).toContain('"nextThoughtNeeded": true');
    expect(snap).toContain('"totalThoughts": 4096');
    expect(snap).toContain('"verbose": false');
  });

  test('the diff and the thrown message show them too', () => {
    const run = runs[sdk]!;
    const think = outputOfFile(run, 'think.test.js');
    for (const text of readable) expect(think).toContain(text);
    expect(think).toMatch(/"nextThoughtNeeded": true/);
    expect(think).toContain('(prefersBorder: true)');
    expect(think).not.toMatch(/nextThoughtNeeded": \[(redacted|secret)\]/);
  });

  test('a start error names the program and the script it could not find, by their paths', () => {
    const missing = outputOfFile(runs[sdk]!, 'missing.test.js');
    expect(missing).toMatch(/could not open MCP client "missing"/);
    expect(missing).toContain(process.execPath);
    expect(missing).toContain(MISSING_SCRIPT);
  });

  test('the credentials beside them are hidden everywhere', () => {
    const run = runs[sdk]!;
    const dir = projects[sdk]!.dir;
    const everything = [
      run.output,
      fs.readFileSync(path.join(dir, 'report.json'), 'utf8'),
      fs.readFileSync(path.join(dir, '__snapshots__/think.test.js.snap'), 'utf8'),
    ].join('\n');
    for (const value of Object.values(SECRETS)) expect(everything).not.toContain(value.slice(0, 10));
    expect(everything).toContain('CANARY_KEY=[');
    expectCleanExit(run);
    expectNoLeftovers(projects[sdk]!);
  });
});
