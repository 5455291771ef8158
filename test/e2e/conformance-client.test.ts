/**
 * The official conformance suite's client scenarios, with jest-mcp as the client under test and
 * configured only as docs/oauth.md says (test/conformance-client/client.js): a representative
 * subset (discovery variants, CIMD, dynamic and pre-registration, scope choice and step-up, `iss`
 * and metadata-issuer checks, client credentials) on SDK 2.x, and the ones where jest-mcp adds to
 * SDK 1.x (`iss`, metadata issuer, private_key_jwt) on 1.x. `npm run conformance:client` runs them all.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain script shared with `npm run conformance:client`
const { runScenario } = require('../conformance-client/scenarios.js') as {
  runScenario(run: {
    scenario: string;
    revision?: string;
    sdk: 'v1' | 'v2';
  }): Promise<{ passed: boolean; failed: string[]; output: string }>;
};

const NEW = '2026-07-28';
const OLD = '2025-11-25';
const EXTENSION = 'extension';
const SCENARIOS: Array<[sdk: 'v1' | 'v2', scenario: string, revision: string]> = [
  ['v2', 'auth/metadata-default', NEW],
  ['v2', 'auth/metadata-var1', NEW],
  ['v2', 'auth/metadata-var3', OLD],
  ['v2', 'auth/basic-cimd', NEW],
  ['v2', 'auth/pre-registration', OLD],
  ['v2', 'auth/scope-from-www-authenticate', NEW],
  ['v2', 'auth/scope-step-up', NEW],
  ['v2', 'auth/iss-wrong-issuer', NEW],
  ['v2', 'auth/metadata-issuer-mismatch', NEW],
  ['v2', 'auth/client-credentials-basic', EXTENSION],
  ['v1', 'auth/metadata-default', OLD],
  ['v1', 'auth/iss-wrong-issuer', NEW],
  ['v1', 'auth/client-credentials-jwt', EXTENSION],
];

test.each(SCENARIOS)('SDK %s: %s (%s)', async (sdk, scenario, revision) => {
  const result = await runScenario({ scenario, revision: revision === EXTENSION ? undefined : revision, sdk });
  if (!result.passed) throw new Error(`${scenario} failed: ${result.failed.join('; ')}\n${result.output.slice(-3000)}`);
});
