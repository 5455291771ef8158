import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which 1.x release first has what jest-mcp uses of MCP 2025-11-25. The peer range starts at
 * 1.24.0, which has tasks, URL-mode elicitation and the `sampling.tools` capability; but up to
 * 1.25.x its client checks every sampling answer against the tool-less result schema and rejects
 * `tool_use` content (1.26.0 picks the schema by whether the request carried tools).
 */
export const V1_FEATURES = {
  samplingTools: { since: '1.26.0', what: 'sampling with tools (a tool_use answer)' },
} as const;

const PACKAGE = '@modelcontextprotocol/sdk';

/** Whether `version` (x.y.z, pre-release ignored) is `since` or later. */
export function atLeast(version: string, since: string): boolean {
  const parse = (v: string) =>
    v
      .split(/[-+]/)[0]
      .split('.')
      .map((n) => Number(n) || 0);
  const [a, b] = [parse(version), parse(since)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** The installed 1.x version, from the package.json above its client module; undefined if unreadable. */
export function installedV1Version(): string | undefined {
  try {
    let dir = path.dirname(require.resolve(`${PACKAGE}/client/index.js`));
    for (let up = 0; up < 6; up++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE) return manifest.version;
    }
  } catch {
    // Not resolvable here: say nothing rather than guess.
  }
  return undefined;
}

/** Throws, naming the version needed, when the installed 1.x lacks a feature the config asks for. */
export function requireV1Feature(feature: keyof typeof V1_FEATURES, installed = installedV1Version()): void {
  const { since, what } = V1_FEATURES[feature];
  if (installed === undefined || atLeast(installed, since)) return;
  throw new Error(
    `${what} needs ${PACKAGE} ${since} or later, and ${installed} is installed: ` +
      `npm install --save-dev ${PACKAGE}@^${since}, or leave out sampling.tools in the client's config`,
  );
}
