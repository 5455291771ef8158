import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { EVERYTHING, node, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A call a test forgot to await, still pending when the file ends: teardown closes its session,
 * the SDK rejects the call, and nobody is left to handle that. It must not take the run down
 * (it used to: an unhandled rejection killed Jest's process in band, and a worker otherwise), over
 * stdio and HTTP, in band and with workers; the file itself passed and still passes.
 */
const V2 = require.resolve('../servers/v2-server.js');

let project: Project;
let http: ListeningServer;
const runs: Record<string, JestRun> = {};

beforeAll(async () => {
  project = createProject({
    'forgets.test.js': `
      test('starts slow calls and does not await them', async () => {
        mcpClients.stdio.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 20, steps: 2 } });
        mcpClients.http.callTool({ name: 'slow', arguments: { ms: 20000 } });
        await mcpClients.stdio.ping();
        await mcpClients.http.ping();
      });
    `,
    'later.test.js': `test('a later file runs', async () => { await mcpClients.stdio.ping(); await mcpClients.http.ping(); });`,
  });
  http = await startListening(V2, ['http', project.marker]);
  project.writeConfig({
    preset: 'jest-mcp',
    testSequencer: '<rootDir>/sequencer.js',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          stdio: node(EVERYTHING, 'stdio', project.marker),
          http: { url: `http://127.0.0.1:${http.port}/mcp` },
        },
      },
    },
  });
  // The forgetful file first, so the later one runs after its teardown (in band: in the same process).
  project.write(
    'sequencer.js',
    `const Sequencer = require('@jest/test-sequencer').default;
    module.exports = class extends Sequencer { sort(tests) { return [...tests].sort((a, b) => (a.path.includes('forgets') ? -1 : 1)); } };`,
  );
  runs.inBand = await runJest(project.dir, { args: ['-i'] });
  runs.workers = await runJest(project.dir, { args: ['--maxWorkers=2'] });
});

afterAll(async () => {
  await http?.stop();
  project?.remove();
});

test.each(['inBand', 'workers'])('%s: both files pass and Jest reports the run', (mode) => {
  const run = runs[mode];
  expect(outputOfFile(run, 'forgets.test.js')).toMatch(/^PASS/);
  expect(outputOfFile(run, 'later.test.js')).toMatch(/^PASS/);
  expect(run.output).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(run.output).not.toMatch(/Connection closed|child process exceptions|Node\.js v\d/);
  expect(run.code).toBe(0);
  expectCleanExit(run);
});

test('no server process is left', () => {
  expectNoLeftovers(project, { except: [http.server] });
});
