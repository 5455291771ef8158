import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { ensureBase } from './dirs';
import { missingReporterMessage } from './messages';

/**
 * From jest-mcp's global setup, in Jest's main process, under `jest --coverage`: Jest 30 makes
 * its reporters after the global setup has run, so the run-wide servers about to start would not
 * know where their coverage goes. When a reporter of jest-mcp is listed, the run's directory is
 * made here; when none is, and there are servers, the user is told what to add.
 */

const OURS = ['reporter.js', 'server-coverage-reporter.js'].map((file) => path.join(__dirname, '..', file));

function real(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export function reporterListed(reporters: Config.GlobalConfig['reporters']): boolean {
  // Jest's default: no reporters listed in any config, the preset's included (it sets them).
  if (!reporters) return false;
  const ours = new Set(OURS.map(real));
  return reporters.some((entry) => {
    const name = typeof entry === 'string' ? entry : entry[0];
    return path.isAbsolute(name) && ours.has(real(name));
  });
}

let told = false;

export function prepareServerCoverage(globalConfig: Config.GlobalConfig, startsServers: boolean): void {
  if (!globalConfig.collectCoverage) return;
  if (reporterListed(globalConfig.reporters)) {
    ensureBase();
  } else if (startsServers && !told) {
    told = true;
    process.stderr.write(`${missingReporterMessage()}\n`);
  }
}
