import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, FAULT_HTTP, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * Faults from the fault table that need a server of their own: a stdio server behind a wrapper
 * (`sh -c`, `npx`) whose child would be orphaned if only the wrapper were stopped; a Streamable
 * HTTP server that forgets the session mid-file (404 "session not found"); a request that outlives
 * its test's timeout. Each affected file fails alone, with a clear error, in bounded time.
 */
let project: Project;
let run: JestRun;
let http: ListeningServer;
beforeAll(async () => {
  project = createProject({
    'wrapper-sh.test.js': `/** @mcp-clients viaSh */
      test('a server behind sh -c', async () => {
        expect(await mcpClients.viaSh.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('"tag":"sh"');
      });
    `,
    'wrapper-npx.test.js': `/** @mcp-clients viaNpx */
      test('a server behind npx and a shell script', async () => {
        expect(await mcpClients.viaNpx.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('"tag":"npx"');
      });
    `,
    'expired.test.js': `/** @mcp-clients remote */
      test('before the session expires', async () => {
        expect(await mcpClients.remote.callTool({ name: 'expire', arguments: {} })).toHaveTextContent('forgetting');
      });
      test('after the session expired', async () => {
        await mcpClients.remote.callTool({ name: 'whoami', arguments: {} });
      });
    `,
    'timeout.test.js': `/** @mcp-clients remote */
      test('a request that outlives the test', async () => {
        await mcpClients.remote.callTool({ name: 'hang', arguments: {} });
      }, 1000);
      test('the session still serves the next test', async () => {
        expect(await mcpClients.remote.callTool({ name: 'whoami', arguments: {} })).toBeToolSuccess();
      });
    `,
    'blocked.test.js': `/** @mcp-clients blocked */
      test('never runs', () => {});
    `,
    'fine.test.js': `/** @mcp-clients viaSh */
      test('unaffected', async () => { await mcpClients.viaSh.ping(); });
    `,
  });
  const events = path.join(project.dir, 'events.log');
  // A wrapper that stays the server's parent (no exec), as npm scripts and npx shims do.
  project.write(
    'node_modules/.bin/fault-stdio',
    `#!/bin/sh\n"${process.execPath}" "${CORE_STDIO}" npx "${events}" --ignore-eof "$@"\necho wrapper-done\n`,
  );
  fs.chmodSync(path.join(project.dir, 'node_modules/.bin/fault-stdio'), 0o755);
  project.write(
    'package.json',
    JSON.stringify({ name: 'faults', version: '1.0.0', private: true, devDependencies: { '@modelcontextprotocol/sdk': '*' } }),
  );
  http = await startListening(FAULT_HTTP, ['--port', '0', project.marker]);
  const sh = `"${process.execPath}" "${CORE_STDIO}" sh "${events}" --ignore-eof ${project.marker}; echo wrapper-done`;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        timeouts: { connect: 30, close: 3 },
        clients: {
          viaSh: { command: 'sh', args: ['-c', sh] },
          viaNpx: { command: 'npx', args: ['--offline', 'fault-stdio', project.marker] },
          remote: { url: `http://127.0.0.1:${http.port}/mcp` },
          blocked: { url: 'http://127.0.0.1:1/mcp' },
        },
      },
    },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], timeoutMs: 120_000 });
}, 150_000);

afterAll(async () => {
  await http?.stop();
  if (!process.env.JEST_MCP_KEEP) project?.remove();
});

test('only the affected files fail', () => {
  expect(run.output).toMatch(/PASS .*wrapper-sh\.test\.js/);
  expect(run.output).toMatch(/PASS .*wrapper-npx\.test\.js/);
  expect(run.output).toMatch(/PASS .*fine\.test\.js/);
  expect(run.output).toMatch(/FAIL .*expired\.test\.js/);
  expect(run.output).toMatch(/FAIL .*timeout\.test\.js/);
  expect(run.output).toMatch(/FAIL .*blocked\.test\.js/);
  expect(run.output).toMatch(/Tests:\s+2 failed, 5 passed, 7 total/);
});

test('a server behind a wrapper is stopped with its wrapper: nothing is orphaned', () => {
  expectNoLeftovers(project, { except: [http.server] });
  const log = fs.readFileSync(path.join(project.dir, 'events.log'), 'utf8');
  // The servers ignore stdin EOF: only the signal to the whole process group stops them.
  expect(log).toMatch(/^sigterm sh /m);
  expect(log).toMatch(/^sigterm npx /m);
});

test('a session the server forgot: the test says so, names the client and what to do', () => {
  expect(run.output).toMatch(/● after the session expired[\s\S]*mcpClients\.remote[\s\S]*404/);
});

test('a port fetch() will not use (browsers block it) is named as such, not "fetch failed"', () => {
  expect(run.output).toMatch(
    /could not open MCP client "blocked" \(streamable-http http:\/\/127\.0\.0\.1:1\/mcp\)[^\n]*fetch\(\) refuses to connect to this port/,
  );
});

test('a request that outlives its test: a timeout for that test, the session serves the next one', () => {
  expect(run.output).toMatch(/● a request that outlives the test[\s\S]*Exceeded timeout of 1000 ms/);
  expect(run.output).not.toMatch(/● the session still serves the next test/);
});

test('Jest exits by itself in bounded time', () => {
  expect(run.code).toBe(1);
  expectCleanExit(run);
  expect(run.ms).toBeLessThan(90_000);
});
