import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How a worker's records reach the reporter in Jest's main process: workers are separate
 * processes, so each test file with clients writes one small JSON file into a directory of the
 * run, announced through an environment variable the reporter sets before any worker starts
 * (workers inherit the main process's environment when they are spawned).
 */

/** `<pid of Jest's main process> <directory of this run>`. */
export { COVERAGE_VAR } from '../channels/env';
import { COVERAGE_VAR } from '../channels/env';

/** What one test file used of one client (or of one `mcp.servers` server, through its clients). */
export interface TargetRecord {
  /** The client's name, or `servers.<name>` for the clients of a server jest-mcp started. */
  key: string;
  kind: 'client' | 'server';
  /** The configured clients counted under this key. */
  clients: string[];
  /** What the server listed, when this file listed it (once per worker and connection). */
  listed?: { tools: string[]; resources: string[]; templates: string[]; prompts: string[] };
  /** Why a list could not be read whole. */
  listErrors?: string[];
  called: string[];
  read: string[];
  got: string[];
}

export interface FileRecord {
  file: string;
  targets: TargetRecord[];
}

/** The directory this process should write to, or undefined when the reporter is not in this run. */
export function announcedDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[COVERAGE_VAR];
  if (!value) return undefined;
  const space = value.indexOf(' ');
  const owner = Number(value.slice(0, space));
  // A Jest started by a test (a child of a worker) inherits the variable; its records are not ours.
  if (owner !== process.pid && owner !== process.ppid) return undefined;
  return value.slice(space + 1);
}

export function announce(dir: string): void {
  process.env[COVERAGE_VAR] = `${process.pid} ${dir}`;
}

let written = 0;

export function writeRecord(dir: string, record: FileRecord): void {
  const file = path.join(dir, `${process.pid}-${++written}-${Date.now()}.json`);
  // Written whole under another name first: the reporter never reads half a file.
  fs.writeFileSync(`${file}.part`, JSON.stringify(record));
  fs.renameSync(`${file}.part`, file);
}

export function readRecords(dir: string): FileRecord[] {
  return readRecordFiles(dir).records;
}

/** The records written whole so far, and their files (a reporter that keeps its directory removes what it took). */
export function readRecordFiles(dir: string): { records: FileRecord[]; files: string[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return { records: [], files: [] };
  }
  const files = names.sort().map((n) => path.join(dir, n));
  return { records: files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as FileRecord), files };
}
