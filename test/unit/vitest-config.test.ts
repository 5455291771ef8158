import * as fs from 'node:fs';
import { mcpVitest } from '../../src/vitest/config';
import { vitestPaths } from '../../src/vitest/paths';
import { OPTIONS_PROVIDED } from '../../src/vitest/provided';

describe('mcpVitest', () => {
  test('returns the global setup, the setup file and the options for the workers', () => {
    const options = { clients: { notes: { url: 'http://127.0.0.1:1/mcp' } } };
    const config = mcpVitest(options);
    expect(config.globalSetup).toEqual([expect.stringMatching(/vitest[/\\]global-setup\.js$/)]);
    expect(config.setupFiles).toEqual([expect.stringMatching(/preset[/\\]vitest-setup\.mjs$/)]);
    expect(fs.existsSync(config.setupFiles[0])).toBe(true);
    expect(config.provide).toEqual({ [OPTIONS_PROVIDED]: options });
    // Room for the first test of a file to open its sessions within their own connect timeouts.
    expect(config.testTimeout).toBeGreaterThan(10_000);
  });

  test('takes no options at all', () => {
    expect(mcpVitest().provide).toEqual({ [OPTIONS_PROVIDED]: {} });
  });

  test('validates like the preset, naming paths as a Vitest config writes them', () => {
    expect(() => mcpVitest({ clients: { notes: { url: 42 } } } as never)).toThrow(/mcpVitest\(\{ clients\.notes\.url \}\)/);
    expect(() => mcpVitest({ clients: { notes: { url: 42 } } } as never)).not.toThrow(/testEnvironmentOptions/);
    expect(() => mcpVitest({ colour: 'red' } as never)).toThrow(/mcpVitest\(\{ colour \}\): unknown key/);
  });

  test("refuses Jest's global hook options, saying what Vitest has instead", () => {
    expect(() => mcpVitest({ globalSetup: './setup.js' })).toThrow(/mcpVitest\(\{ globalSetup \}\) is a Jest option.*test\.globalSetup/);
    expect(() => mcpVitest({ globalTeardown: './teardown.js' })).toThrow(/globalTeardown.*returns/);
  });
});

describe('vitestPaths', () => {
  test.each([
    ['testEnvironmentOptions.mcp.clients.alice.url: expected a string', 'mcpVitest({ clients.alice.url }): expected a string'],
    ["set testEnvironmentOptions.mcp.sdk: 'v2'", "set mcpVitest({ sdk }): 'v2'"],
    ['testEnvironmentOptions.mcp: expected an object', 'mcpVitest(options): expected an object'],
    ['@mcp-clients names "x", which is not configured', 'mcpClientNames names "x", which is not configured'],
    ['nothing to do here', 'nothing to do here'],
  ])('%s', (jest, vitest) => {
    expect(vitestPaths(jest)).toBe(vitest);
  });
});

describe('a Vitest file', () => {
  test('refuses an in-process client plainly, before anything opens', async () => {
    const saved = process.env.JEST_MCP_TMPDIR;
    try {
      const { VitestFile } = await import('../../src/vitest/file-state');
      const file = new VitestFile({ clients: { unit: { module: './src/server.ts' } } }, undefined, process.cwd(), __filename);
      await expect(file.openFile()).rejects.toThrow(
        /mcpVitest\(\{ clients\.unit\.module \}\) names a server module: in-process clients work under Jest only/,
      );
    } finally {
      if (saved === undefined) delete process.env.JEST_MCP_TMPDIR;
      else process.env.JEST_MCP_TMPDIR = saved;
    }
  });
});
