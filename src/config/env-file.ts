import { McpConfigError } from '../util/errors';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'dotenv';
import { mcpPath } from './paths';

/**
 * Loads a dotenv file into `process.env` once per process and path: every test file of a worker
 * shares the result, and variables that are already set win (dotenv's own rule).
 * `dotenv.parse` is used rather than `config()` because recent dotenv versions log on `config()`.
 */
const loaded = new Map<string, Record<string, string>>();

export interface EnvFileResult {
  path: string;
  /** The variables the file defines (whether or not they were applied). */
  variables: Record<string, string>;
}

export function loadEnvFile(rootDir: string, envFile: string | false | undefined): EnvFileResult | undefined {
  if (envFile === false) return undefined;
  const required = envFile !== undefined;
  const file = path.resolve(rootDir, envFile ?? '.env');
  const cached = loaded.get(file);
  if (cached) return { path: file, variables: cached };

  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new McpConfigError(
      `jest-mcp: cannot read the env file ${file} (${mcpPath('envFile')}): ${(error as Error).message}. ` +
        `Create it, fix the path, or set envFile: false.`,
    );
  }
  const variables = parse(text);
  for (const [key, value] of Object.entries(variables)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
  loaded.set(file, variables);
  return { path: file, variables };
}
