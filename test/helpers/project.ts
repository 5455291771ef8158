import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from 'jest';

/**
 * A generated project for Jest to run, as Jest's own e2e tests use. Projects live under
 * `<repo>/.tmp/e2e/` so that they resolve this repo's node_modules, and `jest-mcp` resolves
 * through `<repo>/.tmp/node_modules/jest-mcp` (a link to the repo): `preset: 'jest-mcp'` goes
 * through the same package.json `exports` a user's install does.
 */

export const REPO = path.resolve(__dirname, '../..');
const TMP = path.join(REPO, '.tmp');

function linkPackage(): void {
  const link = path.join(TMP, 'node_modules/jest-mcp');
  if (fs.existsSync(link)) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  try {
    fs.symlinkSync(REPO, link, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface Project {
  dir: string;
  /** Unique per project: put it in server command lines to find leftover processes. */
  marker: string;
  write(file: string, content: string): void;
  /**
   * Writes `config` as `module.exports = <JSON>;`. JSON keeps `${VAR}` strings literal for
   * jest-mcp to expand, and a reader of the generated file sees exactly what Jest got. A config
   * that needs code (a RegExp, a function, an import) is written with `write`.
   */
  writeConfig(config: Config, file?: string): void;
  /** The lines of a file in the project, or [] while it does not exist. */
  lines(file: string): string[];
  remove(): void;
}

export function createProject(files: Record<string, string> = {}): Project {
  linkPackage();
  const marker = `jmcp-${randomUUID().slice(0, 8)}`;
  const dir = path.join(TMP, 'e2e', marker);
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, content: string) => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  };
  // This repo installs both SDK generations; a project that declares one gets that one, as a
  // user's would. Tests of the 2.x path declare @modelcontextprotocol/client instead.
  write('package.json', JSON.stringify({ name: marker, private: true, devDependencies: { '@modelcontextprotocol/sdk': '*' } }));
  for (const [file, content] of Object.entries(files)) write(file, content);
  return {
    dir,
    marker,
    write,
    writeConfig: (config, file = 'jest.config.js') => write(file, `module.exports = ${JSON.stringify(config, null, 2)};\n`),
    lines(file) {
      try {
        return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
