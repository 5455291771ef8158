import { type ConformanceOptions, conformanceRules, describeConformance } from '../../src/conformance';

/**
 * The public entry: its option types (`npm run typecheck` holds each `@ts-expect-error` to being
 * an error, so a typo in a rule id is caught by the compiler) and its message outside jest-mcp's
 * environment.
 */

test('options are typed: rule ids and check ids, a typo is a compile error', () => {
  const options: ConformanceOptions = {
    skip: ['tools/name-valid', 'tools/name-valid: my tool'],
    expectedFailures: ['errors/unknown-tool'],
    baseline: './mcp-conformance-baseline.json',
    readOnly: true,
    calls: { get_weather: { city: 'Paris' } },
    maxItems: 5,
  };
  // @ts-expect-error: no such rule
  const typo: ConformanceOptions = { skip: ['tools/name-vaild'] };
  // @ts-expect-error: readOnly is a boolean
  const wrong: ConformanceOptions = { readOnly: 'yes' };
  expect([options, typo, wrong]).toHaveLength(3);
  expect(Object.keys(conformanceRules)).toEqual(
    expect.arrayContaining(['tools/name-valid', 'errors/unknown-tool', 'pagination/follows-cursor']),
  );
});

test('outside jest-mcp’s environment it says what is missing', () => {
  expect(() => describeConformance('notes')).toThrow(
    "describeConformance('notes'): mcpClients is missing; is the test environment jest-mcp's (preset 'jest-mcp')?",
  );
});
