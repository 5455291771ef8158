import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The files Node writes into NODE_V8_COVERAGE (`coverage-<pid>-<time>-<n>.json`): the scripts a
 * process ran with their function counts, and `source-map-cache`, the source maps Node saw (for a
 * loader such as tsx: what it compiled, with the line lengths of the code it ran, which is not on disk).
 */

export interface V8Function {
  functionName: string;
  isBlockCoverage: boolean;
  ranges: Array<{ startOffset: number; endOffset: number; count: number }>;
}

export interface V8Script {
  scriptId: string;
  url: string;
  functions: V8Function[];
}

export interface SourceMapCacheEntry {
  lineLengths?: number[];
  data?: { sources?: string[]; [key: string]: unknown } | null;
  url?: string | null;
}

export interface Dump {
  result: V8Script[];
  'source-map-cache'?: Record<string, SourceMapCacheEntry>;
}

/** One script of the project with what is known of its source. */
export interface ProjectScript {
  /** Absolute path of the file the process ran (a `.js` of dist/, or a `.ts` run through a loader). */
  file: string;
  functions: V8Function[];
  /** Node's cached source map, when it saw one. */
  cached?: SourceMapCacheEntry;
}

/** The coverage files of `dir` (none when the directory is missing or the process wrote nothing). */
export function readDumps(dir: string): Dump[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const dumps: Dump[] = [];
  for (const name of names.filter((n) => /^coverage-.*\.json$/.test(n)).sort()) {
    try {
      dumps.push(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Dump);
    } catch {
      // Half written by a process killed meanwhile: what it had is lost either way.
    }
  }
  return dumps;
}

/**
 * The scripts worth converting: files (not `node:` internals or eval'd code) under a rootDir and
 * outside any node_modules. The rest (npm's own files under `npx`, the loader's, dependencies)
 * never reaches a report, so it is not read.
 */
export function projectScripts(dumps: Dump[], rootDirs: string[]): ProjectScript[] {
  const roots = rootDirs.map((dir) => (dir.endsWith(path.sep) ? dir : dir + path.sep));
  const scripts: ProjectScript[] = [];
  for (const dump of dumps) {
    const cache = dump['source-map-cache'] ?? {};
    for (const script of dump.result) {
      if (!script.url.startsWith('file://')) continue;
      const file = fileURLToPath(script.url);
      if (!roots.some((root) => file.startsWith(root)) || file.split(path.sep).includes('node_modules')) continue;
      scripts.push({ file, functions: script.functions, cached: cache[script.url] });
    }
  }
  return scripts;
}

/**
 * What stands in for the code a loader ran, which is not on disk: lines of the lengths Node
 * recorded. Only the positions matter to the conversion (V8 counts by offset; the map by line and
 * column), so any character of the right count does.
 */
export function codeOfLineLengths(lineLengths: number[]): string {
  return lineLengths.map((length) => ' '.repeat(length)).join('\n');
}
