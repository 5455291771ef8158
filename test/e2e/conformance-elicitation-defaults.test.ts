import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { runCommand } from '../helpers/jest-process';
import { REPO } from '../helpers/project';

/**
 * The official client scenario elicitation-sep1034-client-defaults (@modelcontextprotocol/conformance,
 * Node 22): jest-mcp is the client under test, configured only as the docs say
 * (`elicitation: { form: { applyDefaults: true, response } }`, an empty accepted answer), on SDK
 * 1.x and 2.x. Its five checks (string, integer, number, enum and boolean defaults) must pass.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- tools/ is plain CommonJS with no types
const tools = require(path.join(REPO, 'tools/paths.js')) as { node22: string; conformance: string };
const CLIENT = path.join(REPO, 'test/conformance-client/elicitation-defaults.js');

test.each(['v1', 'v2'])('SDK %s passes elicitation-sep1034-client-defaults', async (sdk) => {
  // The suite writes its results under its working directory: a scratch one, removed after.
  const cwd = fs.mkdtempSync(path.join(REPO, '.tmp', 'sep1034-'));
  try {
    const run = await runCommand(
      tools.node22,
      [
        tools.conformance,
        'client',
        '--scenario',
        'elicitation-sep1034-client-defaults',
        '--command',
        `${process.execPath} ${CLIENT} ${sdk}`,
      ],
      cwd,
      process.env,
      90_000,
    );
    const output = stripVTControlCharacters(run.output);
    for (const kind of ['string', 'integer', 'number', 'enum', 'boolean'])
      expect(output).toMatch(new RegExp(`client-elicitation-sep1034-${kind}-default\\s*\\]\\s*SUCCESS`));
    expect(output).toMatch(/Passed: 5\/5, 0 failed/);
    expect(run.code).toBe(0);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
