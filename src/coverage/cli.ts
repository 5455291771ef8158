#!/usr/bin/env node
import * as fs from 'node:fs';
import { writeSummary } from './outputs';
import { type CoverageSummary, assertSummary, mergeSummaries } from './summary';
import { coverageTable } from './table';
import { type CoverageThreshold, parseThreshold, thresholdFailures, thresholdMessage } from './threshold';

/**
 * `jest-mcp-coverage merge a.json b.json [--output all.json] [--html all.html] [--threshold tools=90,…]`:
 * the shards of a CI run as one summary, checked against the threshold the shards could not check
 * alone. Exit code 0, 1 when the threshold is not met, 2 for a usage or input error.
 */

const USAGE = `Usage: jest-mcp-coverage merge <summary.json>... [--output merged.json] [--html merged.html] [--threshold tools=90,resources=50,prompts=100,servers.notes:tools=100] [--no-table]`;

interface Args {
  inputs: string[];
  output?: string;
  html?: string;
  threshold: CoverageThreshold;
  table: boolean;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'merge') throw new Error(command ? `unknown command "${command}"` : 'no command');
  const args: Args = { inputs: [], threshold: {}, table: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--output' || flag === '-o') args.output = value();
    else if (flag === '--html') args.html = value();
    else if (flag === '--threshold') Object.assign(args.threshold, parseThreshold(value()));
    else if (flag === '--no-table') args.table = false;
    else if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
    else args.inputs.push(arg);
  }
  if (!args.inputs.length) throw new Error('no summary files to merge');
  return args;
}

function readSummary(file: string): CoverageSummary {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  assertSummary(value, file);
  return value;
}

export function main(argv: string[]): number {
  let args: Args;
  let merged: CoverageSummary;
  try {
    args = parseArgs(argv);
    merged = mergeSummaries(args.inputs.map(readSummary));
    writeSummary(merged, { json: args.output, html: args.html });
  } catch (error) {
    process.stderr.write(`jest-mcp-coverage: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.table) process.stdout.write(`${coverageTable(merged)}\n`);
  const failures = thresholdFailures(merged, args.threshold);
  if (failures.length) {
    process.stderr.write(`${thresholdMessage(failures)}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
