import { randomUUID } from 'node:crypto';
import { expectCleanExit } from '../helpers/checks';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * The reaper (the process that stops a worker's servers if the worker dies) is started with an
 * empty environment: none of Jest's variables, none of the project's `.env` secrets.
 */
const PARENT_CANARY = `canary-parent-${randomUUID()}`;
const DOTENV_CANARY = `canary-dotenv-${randomUUID()}`;
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    '.env': `API_TOKEN=${DOTENV_CANARY}\n`,
    'reaper.test.js': `
      const fs = require('node:fs');
      test('the worker has a reaper, and its environment is empty', async () => {
        await mcpClients.a.ping();
        const reapers = fs.readdirSync('/proc').filter((e) => /^\\d+$/.test(e)).filter((pid) => {
          try {
            const cmd = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0');
            return cmd.some((a) => a.endsWith('reaper-main.js')) && cmd.includes(String(process.pid));
          } catch { return false; }
        });
        expect(reapers).toHaveLength(1);
        fs.writeFileSync('reaper-environ', fs.readFileSync('/proc/' + reapers[0] + '/environ', 'utf8'));
      });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { a: { ...node(CORE_STDIO, 'a', '-', project.marker), env: { TOKEN: '${API_TOKEN}' } } } } },
  });
  run = await runJest(project.dir, { env: { PARENT_SECRET: PARENT_CANARY } });
});

afterAll(() => project?.remove());

test("the reaper holds no variable: none of Jest's variables, none of the .env secrets", () => {
  expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  const environ = project.lines('reaper-environ').join('\n');
  expect(environ).not.toContain(PARENT_CANARY);
  expect(environ).not.toContain(DOTENV_CANARY);
  expect(environ).toBe('');
  expectCleanExit(run);
});
