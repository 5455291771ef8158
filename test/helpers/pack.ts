import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand, type JestRun } from './jest-process';
import { REPO } from './project';

/**
 * Fresh projects outside this repo with the packed tarball installed from the npm registry, as a
 * new user's install is (nothing of the repo's node_modules is reachable from them). Shared by the
 * pack suites; each suite packs into its own temp directory, as they run side by side.
 */

const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

/** A temp directory for one suite's tarball and projects; JEST_MCP_KEEP=1 keeps it after the suite. */
export function packWorkspace(): { tmp: string; remove(): void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-pack-'));
  return { tmp, remove: () => (process.env.JEST_MCP_KEEP ? undefined : fs.rmSync(tmp, { recursive: true, force: true })) };
}

/** What npm, npx and tsc are run with: this process's environment minus what `npm test` and Jest put there for themselves. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_(package|lifecycle)_|JEST_WORKER_ID$|INIT_CWD$|NODE_ENV$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true', ...extra };
}

export function run(command: string, args: string[], cwd: string, timeoutMs: number, env: Record<string, string> = {}): Promise<JestRun> {
  return runCommand(command, args, cwd, userEnv(env), timeoutMs);
}

export async function mustRun(command: string, args: string[], cwd: string, timeoutMs: number): Promise<JestRun> {
  const result = await run(command, args, cwd, timeoutMs);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.code}:\n${result.output}`);
  return result;
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

/**
 * Builds a staging copy of the package and packs that; returns the tarball's path. The copy has
 * the repo's layout (src/ beside dist/, node_modules linked), so its source maps name the same
 * relative paths as `npm run build && npm pack` would; the tarball ships src/ for them, not
 * node_modules. Not the repo's dist/: other e2e tests may be reading it while this runs.
 */
export async function packTarball(tmp: string): Promise<string> {
  const stage = path.join(tmp, 'stage');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { files: string[] };
  fs.mkdirSync(stage, { recursive: true });
  for (const entry of ['src', 'tsconfig.json', 'tsconfig.build.json'])
    fs.cpSync(path.join(REPO, entry), path.join(stage, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(stage, 'package.json'));
  await mustRun('npm', ['run', 'build'], stage, 120_000);
  for (const entry of ['LICENSE', ...pkg.files.filter((f) => f !== 'dist')]) {
    if (fs.existsSync(path.join(REPO, entry))) fs.cpSync(path.join(REPO, entry), path.join(stage, entry), { recursive: true });
  }
  const packed = await mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], stage, 60_000);
  const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  return path.join(tmp, filename);
}

/** A fresh project `<tmp>/<name>` with `files`, then `npm install <tarball> ...deps` in it. */
export async function installFresh(
  tmp: string,
  name: string,
  tarball: string,
  deps: string[],
  files: Record<string, string>,
): Promise<{ dir: string; install: JestRun }> {
  const dir = path.join(tmp, name);
  write(dir, { 'package.json': JSON.stringify({ name: `fresh-${name}`, version: '1.0.0', private: true }), ...files });
  const install = await mustRun('npm', ['install', ...INSTALL_FLAGS, tarball, ...deps], dir, 300_000);
  return { dir, install };
}

/** The version of `pkg` that a project's top-level node_modules holds, or undefined. */
export function installedVersion(dir: string, pkg: string): string | undefined {
  const file = path.join(dir, 'node_modules', pkg, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

export interface JestReport {
  /** Every failure message: of files that could not run, and of tests. */
  failures: string[];
  /** `<status>: <title>` of every test, sorted. */
  tests: string[];
}

/** What `jest --json --outputFile=<file>` wrote. */
export function readReport(file: string): JestReport {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    testResults: Array<{ message: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
  };
  return {
    failures: report.testResults.flatMap((r) => [r.message, ...r.assertionResults.flatMap((a) => a.failureMessages)]).filter(Boolean),
    tests: report.testResults.flatMap((r) => r.assertionResults.map((a) => `${a.status}: ${a.title}`)).sort(),
  };
}

/** The oldest SDK 1.x the peer range admits, read from package.json so tests and range cannot drift apart. */
export function oldestSdk(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  return pkg.peerDependencies['@modelcontextprotocol/sdk'].replace(/^\^/, '');
}
