import { type CoverageMapData, createCoverageMap } from 'istanbul-lib-coverage';
import { createSourceMapStore } from 'istanbul-lib-source-maps';

/**
 * Under the babel provider, a file Jest transformed (ts-jest, an in-process server's module)
 * reaches the reporters in the positions of the transformed code, its source map beside it; Jest
 * maps it back only when the run is over. The servers' coverage is in the source's positions
 * already: merged as they are, both would be mapped again together, giving wrong lines or a crash
 * on a column past a line's end. So a result is brought to the source's positions first, with the
 * same library Jest uses; Jest's own mapping then finds nothing left to do.
 */
export async function inSourcePositions(coverage: CoverageMapData): Promise<CoverageMapData> {
  const map = createCoverageMap(coverage);
  const mapped = (file: string) => Boolean((map.fileCoverageFor(file).data as { inputSourceMap?: unknown }).inputSourceMap);
  if (!map.files().some(mapped)) return coverage;
  return (await createSourceMapStore().transformCoverage(map)).toJSON();
}
