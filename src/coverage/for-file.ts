import type { Redactor } from '../util/redact';
import { announcedDir } from './handoff';
import type { CoverageRecorder } from './recorder';

/**
 * A test file's coverage recorder when the run has `jest-mcp/reporter`, else undefined. The
 * recorder's module (and what it loads) is required only then: a run without the reporter pays
 * one environment variable read per file.
 */
export function coverageForFile(
  file: string,
  redactor: () => Redactor | undefined,
  uncounted?: () => boolean,
): CoverageRecorder | undefined {
  const dir = announcedDir();
  if (!dir) return undefined;
  const { CoverageRecorder: Recorder } = require('./recorder') as typeof import('./recorder');
  return new Recorder(dir, file, redactor, uncounted);
}
