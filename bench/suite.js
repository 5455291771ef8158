'use strict';
/**
 * The comparisons of `bench/run.js`, made of the projects of projects.js: which variants run
 * interleaved, and which pairs of them each printed line compares.
 */
const { CALLS, LARGE_MB, LARGE_REPS, NOCLIENT_FILES, SDK_SUITE, SDKS } = require('./settings');
const { callsProject, largeResultsProject, noclientProject, pairedCallsProject, suiteProject } = require('./projects');

/**
 * Every comparison, as groups: a group's variants are run interleaved, and each of its lines
 * compares two variants. Variants are functions, so that only the projects a selection needs are
 * written.
 */
function comparisons(bySdk) {
  // The 20 x 20 suites, files without clients and the separate-run calls are the 1.x figures of old.
  const kinds = bySdk.v1;
  const groups = [];
  for (const t of ['http', 'stdio']) {
    groups.push({
      name: t,
      variants: {
        'jest-mcp': () => suiteProject(`${t}-jest-mcp`, kinds[t], 'jest-mcp'),
        'per-test client': () => suiteProject(`${t}-per-test`, kinds[t], 'per-test'),
        'beforeAll client': () => suiteProject(`${t}-per-file`, kinds[t], 'per-file'),
      },
      lines: [
        {
          tags: [t, 'pertest'],
          title: `${t} per-file vs per-test`,
          a: 'jest-mcp',
          b: 'per-test client',
          target: t === 'stdio' ? 0.2 : undefined,
        },
        { tags: [t, 'perfile'], title: `${t} per-file vs beforeAll/afterAll`, a: 'jest-mcp', b: 'beforeAll client', target: 1.05 },
      ],
    });
  }
  groups.push({
    name: 'noclient',
    variants: {
      'jest-mcp preset': () => noclientProject('noclient-jest-mcp', true, kinds),
      'node env': () => noclientProject('noclient-node', false, kinds),
    },
    lines: [{ tags: ['noclient'], title: `${NOCLIENT_FILES} files without a client`, a: 'jest-mcp preset', b: 'node env', target: 1.03 }],
  });
  for (const t of ['http', 'stdio']) {
    groups.push({
      name: `calls-${t}`,
      unit: 'ms',
      variants: {
        mcpClients: () => callsProject(`calls-${t}-jest-mcp`, kinds[t], true),
        'raw SDK client': () => callsProject(`calls-${t}-raw`, kinds[t], false),
      },
      lines: [
        { tags: ['calls', `calls-${t}`], title: `${t} ${CALLS} callTool in one test`, a: 'mcpClients', b: 'raw SDK client', target: 1.05 },
      ],
    });
    for (const s of SDKS) {
      const kind = bySdk[s.id][t];
      groups.push({
        name: `paired-${s.id}-${t}`,
        unit: 'ms',
        variants: { paired: () => pairedCallsProject(`paired-${s.id}-${t}`, kind) },
        lines: [
          {
            tags: ['calls', `calls-${t}`, 'paired', `paired-${t}`],
            title: `${s.label} ${t} ${CALLS} callTool each, interleaved in one test`,
            from: 'paired',
            a: 'mcpClients',
            b: 'raw SDK client',
            target: 1.05,
          },
        ],
      });
    }
  }
  groups.push({
    name: 'large-http',
    unit: 'ms',
    variants: { paired: () => largeResultsProject('large-http', kinds.http) },
    lines: LARGE_MB.map((mb) => ({
      tags: ['large', 'large-http'],
      title: `1.x http a ${mb} MB result, ${LARGE_REPS} calls each, taking turns in one test`,
      from: 'paired',
      a: `mcpClients ${mb} MB`,
      b: `raw SDK client ${mb} MB`,
      target: 1.5,
    })),
  });
  groups.push({
    name: 'everything-stdio',
    variants: {
      'jest-mcp': () => suiteProject('everything-jest-mcp', kinds.everything, 'jest-mcp', SDK_SUITE),
      // The file's close waiting for its server's exit, as before the stops went to the background.
      'jest-mcp, stops awaited': () =>
        suiteProject('everything-jest-mcp-awaited', kinds.everything, 'jest-mcp', {
          ...SDK_SUITE,
          env: { JEST_MCP_BACKGROUND_STOPS: '0' },
        }),
      'beforeAll client': () => suiteProject('everything-per-file', kinds.everything, 'per-file', SDK_SUITE),
    },
    lines: [
      {
        tags: ['everything', 'everything-stdio'],
        title: `1.x stdio server-everything ${SDK_SUITE.files}x${SDK_SUITE.tests} per-file vs beforeAll/afterAll`,
        a: 'jest-mcp',
        b: 'beforeAll client',
        target: 0.65,
      },
      {
        tags: ['everything', 'everything-stdio'],
        title: `1.x stdio server-everything ${SDK_SUITE.files}x${SDK_SUITE.tests}, stops awaited, vs beforeAll/afterAll`,
        a: 'jest-mcp, stops awaited',
        b: 'beforeAll client',
      },
    ],
  });
  groups.push(...sdkSuites(bySdk));
  groups.push(...coverageSuites(kinds));
  return groups;
}

/**
 * The small suite per SDK generation and era, jest-mcp's per-file sessions against `beforeAll`
 * clients of the same SDK: one group per transport, so that every SDK's variants of a transport
 * take turns within each round.
 */
function sdkSuites(bySdk) {
  const size = SDK_SUITE;
  return ['http', 'stdio'].map((t) => ({
    name: `sdk-${t}`,
    variants: Object.fromEntries(
      SDKS.flatMap((s) => [
        [`${s.label} jest-mcp`, () => suiteProject(`sdk-${s.id}-${t}-jest-mcp`, bySdk[s.id][t], 'jest-mcp', size)],
        [`${s.label} beforeAll`, () => suiteProject(`sdk-${s.id}-${t}-per-file`, bySdk[s.id][t], 'per-file', size)],
      ]),
    ),
    lines: SDKS.map((s) => ({
      tags: ['sdk', `sdk-${t}`],
      title: `${s.label} ${t} ${size.files}x${size.tests} per-file vs beforeAll/afterAll`,
      a: `${s.label} jest-mcp`,
      b: `${s.label} beforeAll`,
      target: 1.0,
    })),
  }));
}

/**
 * The coverage reporter's cost: the same jest-mcp suite (SDK 1.x, per-file sessions) with and
 * without `jest-mcp/reporter`, per transport. The reporter's run lists each server once per
 * worker and writes a record per file, the summary, the JSON and the HTML page.
 */
function coverageSuites(kinds) {
  const size = SDK_SUITE;
  return ['http', 'stdio'].map((t) => ({
    name: `coverage-${t}`,
    variants: {
      'with reporter': () => suiteProject(`coverage-${t}-reporter`, kinds[t], 'jest-mcp', { ...size, reporter: true }),
      'without reporter': () => suiteProject(`coverage-${t}-plain`, kinds[t], 'jest-mcp', size),
    },
    lines: [
      {
        tags: ['coverage', `coverage-${t}`],
        title: `${t} ${size.files}x${size.tests} with jest-mcp/reporter vs without`,
        a: 'with reporter',
        b: 'without reporter',
        target: 1.03,
      },
    ],
  }));
}

/**
 * The groups with a line `only` selects (every group when it is empty), each with the projects
 * its lines need written and an empty sample list per compared variant.
 */
function selectComparisons(groups, only) {
  const selected = [];
  for (const group of groups) {
    group.lines = group.lines.filter((line) => !only.length || line.tags.some((tag) => only.includes(tag)));
    if (!group.lines.length) continue;
    const needed = [...new Set(group.lines.flatMap((l) => (l.from ? [l.from] : [l.a, l.b])))];
    group.projects = Object.fromEntries(needed.map((v) => [v, group.variants[v]()]));
    group.samples = Object.fromEntries(group.lines.flatMap((l) => [l.a, l.b]).map((v) => [v, []]));
    selected.push(group);
  }
  return selected;
}

module.exports = { comparisons, selectComparisons };
