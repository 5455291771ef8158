import * as fs from 'node:fs';
import * as path from 'node:path';
import { McpConfigError } from '../util/errors';
import type { SdkGeneration } from './types';

/**
 * Which SDK generation a project uses, found from its rootDir: `mcp.sdk` if set; else the one
 * the project's package.json declares, if it declares exactly one; else 2.x if installed, else
 * 1.x. Installed is not the same as chosen: 1.x is often there only because another package
 * depends on it (server-everything does), while 2.x is rarely there by accident.
 */

/** What each generation's client is published as, and a module to find it by. */
export const SDK_PACKAGES: Record<SdkGeneration, { name: string; probe: string; range: string }> = {
  v1: { name: '@modelcontextprotocol/sdk', probe: '@modelcontextprotocol/sdk/client/index.js', range: '^1.24' },
  v2: { name: '@modelcontextprotocol/client', probe: '@modelcontextprotocol/client', range: '^2' },
};

function isInstalled(generation: SdkGeneration, rootDir: string): boolean {
  try {
    require.resolve(SDK_PACKAGES[generation].probe, { paths: [rootDir] });
    return true;
  } catch {
    return false;
  }
}

function installHint(generation: SdkGeneration): string {
  const { name, range } = SDK_PACKAGES[generation];
  return `npm install --save-dev ${name}@${range}`;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The generations the nearest package.json above rootDir declares. */
function declared(rootDir: string): SdkGeneration[] {
  for (let dir = path.resolve(rootDir); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      let manifest: Record<string, Record<string, string> | undefined>;
      try {
        manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof manifest;
      } catch {
        return [];
      }
      const names = DEPENDENCY_FIELDS.flatMap((field) => Object.keys(manifest[field] ?? {}));
      return (['v1', 'v2'] as const).filter((g) => names.includes(SDK_PACKAGES[g].name));
    }
    if (path.dirname(dir) === dir) return [];
  }
}

/** Per rootDir and choice, for the life of the process: every test file of a project asks the same. */
const resolved = new Map<string, SdkGeneration>();

export function resolveSdkGeneration(rootDir: string, choice?: SdkGeneration): SdkGeneration {
  const key = `${choice ?? ''}\0${rootDir}`;
  let generation = resolved.get(key);
  if (!generation) resolved.set(key, (generation = findGeneration(rootDir, choice)));
  return generation;
}

function findGeneration(rootDir: string, choice: SdkGeneration | undefined): SdkGeneration {
  if (choice) {
    if (isInstalled(choice, rootDir)) return choice;
    throw new McpConfigError(
      `jest-mcp: testEnvironmentOptions.mcp.sdk is "${choice}", but ${SDK_PACKAGES[choice].name} is not installed (looked from ${rootDir}). ` +
        `Install it (${installHint(choice)}), or remove mcp.sdk to use the SDK that is installed.`,
    );
  }
  const wanted = declared(rootDir).filter((g) => isInstalled(g, rootDir));
  if (wanted.length === 1) return wanted[0];
  if (isInstalled('v2', rootDir)) return 'v2';
  if (isInstalled('v1', rootDir)) return 'v1';
  throw new McpConfigError(
    `jest-mcp needs the MCP TypeScript SDK, and neither generation is installed (looked from ${rootDir}). Install one:\n` +
      `  ${installHint('v2')}   (2.x: protocol 2025 and 2026-07-28)\n` +
      `  ${installHint('v1')}   (1.x: protocol 2025)`,
  );
}
