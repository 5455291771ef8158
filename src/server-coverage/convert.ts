import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CoverageMapData, createCoverageMap } from 'istanbul-lib-coverage';
import v8ToIstanbul from 'v8-to-istanbul';
import { type ProjectScript, type SourceMapCacheEntry, codeOfLineLengths } from './dumps';
import type { Keep } from './filter';

/**
 * A server's scripts in the two shapes Jest's CoverageReporter takes: istanbul data (what it
 * merges under `coverageProvider: 'babel'`) and V8 entries (what it converts itself under 'v8').
 * The conversion is v8-to-istanbul's, the one Jest and c8 use, through the source maps: on disk
 * (tsc's external or inline maps), or the one Node cached for code a loader such as tsx compiled.
 */

/** An entry of Jest's `testResult.v8Coverage`. */
export interface JestV8Entry {
  codeTransformResult?: { code: string; originalCode: string; sourceMapPath: string | null; wrapperLength: number };
  result: { url: string; scriptId: string; functions: ProjectScript['functions'] };
}

export interface Converted {
  istanbul: CoverageMapData;
  v8: JestV8Entry[];
}

const lineLengthsOf = (text: string) => text.split(/\n/).map((line) => line.replace(/\r$/, '').length);

function sameLines(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The first source a map names, as a path (maps name it relative to the script, or as a URL). */
function firstSource(file: string, data: NonNullable<SourceMapCacheEntry['data']>): string | undefined {
  const source = data.sources?.[0];
  if (!source) return undefined;
  if (source.startsWith('file://')) return fileURLToPath(source);
  const root = typeof data.sourceRoot === 'string' ? data.sourceRoot : '';
  return path.resolve(path.dirname(file), root, source);
}

/**
 * What ran when it is not the file on disk (a loader compiled it): the stand-in code, the original
 * source and the map Node cached. Undefined when the file on disk is what ran: v8-to-istanbul
 * then reads it and follows its `sourceMappingURL` itself, as Jest does.
 */
export function loaderSources(
  script: ProjectScript,
): { source: string; originalSource: string; sourcemap: Record<string, unknown> } | undefined {
  const { cached, file } = script;
  if (!cached?.data || !cached.lineLengths) return undefined;
  let onDisk: string;
  try {
    onDisk = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (sameLines(lineLengthsOf(onDisk), cached.lineLengths)) return undefined;
  const original = firstSource(file, cached.data);
  let originalSource = onDisk;
  if (original && original !== file) {
    try {
      originalSource = fs.readFileSync(original, 'utf8');
    } catch {
      // The map's sourcesContent, if any, stands in.
    }
  }
  return { source: codeOfLineLengths(cached.lineLengths), originalSource, sourcemap: cached.data };
}

let maps = 0;

/**
 * `scripts` as istanbul data limited to the sources `keep` accepts, and as V8 entries for the
 * scripts that led to one of those. `mapsDir` receives the cached maps Jest reads by path.
 */
export async function convertScripts(scripts: ProjectScript[], keep: Keep, mapsDir: string): Promise<Converted> {
  const istanbul = createCoverageMap({});
  const v8: JestV8Entry[] = [];
  for (const script of scripts) {
    const loaded = loaderSources(script);
    const converter = v8ToIstanbul(
      script.file,
      0,
      loaded && { source: loaded.source, originalSource: loaded.originalSource, sourceMap: { sourcemap: loaded.sourcemap as never } },
      (file) => !keep(file),
    );
    try {
      await converter.load();
    } catch {
      // Its file is gone (a temp file the server wrote and removed): nothing to map it to.
      continue;
    }
    converter.applyCoverage(script.functions);
    const data = converter.toIstanbul();
    converter.destroy();
    // Without a map the script is its own source, which v8-to-istanbul does not filter.
    const kept = Object.entries(data).filter(([file]) => keep(file));
    if (!kept.length) continue;
    // Two processes (or two scripts of one map) may lead to one source: istanbul adds the counts up.
    istanbul.merge(Object.fromEntries(kept));
    const entry: JestV8Entry = { result: { url: script.file, scriptId: '0', functions: script.functions } };
    if (loaded) {
      fs.mkdirSync(mapsDir, { recursive: true });
      const sourceMapPath = path.join(mapsDir, `${process.pid}-${++maps}.map`);
      fs.writeFileSync(sourceMapPath, JSON.stringify(loaded.sourcemap));
      entry.codeTransformResult = { code: loaded.source, originalCode: loaded.originalSource, sourceMapPath, wrapperLength: 0 };
    }
    v8.push(entry);
  }
  return { istanbul: istanbul.toJSON(), v8 };
}
