import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_COVERAGE_VAR } from '../channels/env';

/**
 * Where the servers jest-mcp starts leave their V8 coverage under `jest --coverage`, one directory
 * of the run (announced to the workers through the environment, like the MCP coverage records):
 * `files/<hash of the test file>/<server>/` for the stdio servers of a test file, so the reporter
 * finds them from the file's result, and `servers/<server>/` for the run-wide `mcp.servers`.
 * Each server's directory has a sibling `<server>.json` naming it, for "not covered" messages.
 */

export interface ServerLabel {
  /** `mcpClients.<name>` or `mcp.servers.<name>`. */
  name: string;
  /** Its command line, as messages show it. */
  command: string;
}

/** The run's directory, or undefined when no reporter of jest-mcp takes the servers' coverage in. */
export function announcedBase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[SERVER_COVERAGE_VAR];
  if (!value) return undefined;
  const space = value.indexOf(' ');
  const owner = Number(value.slice(0, space));
  // A Jest started by a test (a child of a worker) inherits the variable: that run is not ours.
  if (owner !== process.pid && owner !== process.ppid) return undefined;
  return value.slice(space + 1);
}

/** In Jest's main process, before the workers fork (they inherit it): the run's directory, made once. */
export function ensureBase(): string {
  const existing = announcedBase();
  if (existing) return existing;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-server-coverage-'));
  process.env[SERVER_COVERAGE_VAR] = `${process.pid} ${base}`;
  process.once('exit', () => fs.rmSync(base, { recursive: true, force: true }));
  return base;
}

export function fileDir(base: string, testPath: string): string {
  return path.join(base, 'files', createHash('sha1').update(testPath).digest('hex').slice(0, 16));
}

export function runWideDir(base: string): string {
  return path.join(base, 'servers');
}

let started = 0;

/** A new directory for one server process (tree) under `parent`, labelled for messages. */
export function serverDir(parent: string, label: ServerLabel): string {
  const dir = path.join(parent, `${process.pid}-${++started}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}.json`, JSON.stringify(label));
  return dir;
}

/** The servers that were given a directory under `parent`, with their directories. */
export function serversIn(parent: string): Array<{ dir: string; label: ServerLabel }> {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      dir: path.join(parent, name.slice(0, -'.json'.length)),
      label: JSON.parse(fs.readFileSync(path.join(parent, name), 'utf8')) as ServerLabel,
    }));
}
