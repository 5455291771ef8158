import * as path from 'node:path';
import type { StdioClientSpec } from '../config/specs';
import { ManagedProcess, describeExit } from '../process/managed-process';
import { TimeoutError, formatSeconds, withTimeout } from '../util/timeout';

/**
 * `npx -y <package>` downloads the package the first time it runs on a machine, which can take
 * longer than the connect timeout: the server would fail its first run, and npx, stopped halfway,
 * would not even leave the package cached for the next. So before the connect clock starts,
 * npx installs the package on its own (`npx --yes --package=<spec> -- node -e 0`: nothing of the
 * server runs), bounded by its own, longer timeout, once per worker and package; the server's npx
 * then finds it in its cache.
 */

/** How long npx may take to install a package before the server's first start. */
export const NPX_INSTALL_TIMEOUT_MS = 300_000;
/** An install that takes longer than this is said on stderr, so a slow first run is not a mystery. */
const SAY_AFTER_MS = 2_000;

export interface NpxInstall {
  /** What npx installs: `--package` values, else its first positional argument. */
  packages: string[];
  /** npx's own `--name=value` options and flags (a registry, a cache), passed on as they are. */
  options: string[];
}

/** The packages an `npx --yes …` command line would download; undefined for any other command. */
export function npxInstallOf(command: string, args: readonly string[]): NpxInstall | undefined {
  if (!/^npx(\.cmd)?$/i.test(path.basename(command))) return undefined;
  let yes = false;
  const packages: string[] = [];
  const options: string[] = [];
  let positional: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-y' || arg === '--yes') yes = true;
    else if (arg === '--no' || arg === '--no-yes') yes = false;
    else if (arg === '-p' || arg === '--package') packages.push(args[++i] ?? '');
    else if (arg.startsWith('--package=')) packages.push(arg.slice('--package='.length));
    else if (arg === '-c' || arg === '--call') i++;
    else if (arg === '--') {
      positional = args[i + 1];
      break;
    } else if (arg.startsWith('-')) options.push(arg);
    else {
      positional = arg;
      break;
    }
  }
  const specs = (packages.length > 0 ? packages : positional ? [positional] : []).filter(Boolean);
  // A path is nothing to download.
  const remote = specs.filter((spec) => !/^(\.|\/|~|file:)/.test(spec));
  return yes && remote.length > 0 ? { packages: remote, options } : undefined;
}

/** Why npx could not install; explain-error shows `detail` as the cause and `hint` as what to do. */
export class NpxInstallError extends Error {
  constructor(
    readonly detail: string,
    readonly hint: string,
  ) {
    super(`${detail}. ${hint}`);
    this.name = 'NpxInstallError';
  }
}

const installs = new Map<string, Promise<void>>();

/** Resolves once the packages of an `npx --yes` client are in npx's cache; at once for any other client. */
export function ensureNpxInstall(spec: StdioClientSpec, env: Record<string, string>): Promise<void> {
  const install = npxInstallOf(spec.command, spec.args);
  if (!install) return Promise.resolve();
  const key = JSON.stringify([spec.command, spec.cwd, install, env.npm_config_cache, env.npm_config_registry, env.HOME]);
  let done = installs.get(key);
  if (!done) {
    done = runInstall(spec, install, env);
    installs.set(key, done);
    // A failed install is tried again by the next file, which may have better luck (a network blip).
    done.catch(() => installs.delete(key));
  }
  return done;
}

async function runInstall(spec: StdioClientSpec, install: NpxInstall, env: Record<string, string>): Promise<void> {
  const packages = install.packages.join(', ');
  const args = ['--yes', ...install.options, ...install.packages.map((p) => `--package=${p}`), '--', 'node', '-e', '0'];
  const proc = new ManagedProcess(spec.command, args, { cwd: spec.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const say = setTimeout(() => {
    process.stderr.write(
      `jest-mcp: client "${spec.name}": npx is installing ${packages}, its first run here; the connect timeout starts once it is installed.\n`,
    );
  }, SAY_AFTER_MS);
  say.unref();
  try {
    const exit = await withTimeout(proc.exited, NPX_INSTALL_TIMEOUT_MS, `npx installing ${packages}`, () => void proc.stop(1000));
    // npx that cannot start at all is left to the server's own spawn, which explains it.
    if (proc.pid === undefined || exit.code === 0) return;
    const tail = stderr.trim().split('\n').slice(-5).join('\n    ');
    throw new NpxInstallError(
      `npx could not install ${packages} before starting the server: it ${describeExit(exit)}${tail ? `:\n    ${tail}` : ''}`,
      `Run the command by hand to see why (the package name, the registry, npm's cache)`,
    );
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    throw new NpxInstallError(
      `npx did not finish installing ${packages} within ${formatSeconds(NPX_INSTALL_TIMEOUT_MS)}, before the server's first start`,
      `Check the network and the registry, or install the package once by hand (npx -y ${install.packages[0]} --help)`,
    );
  } finally {
    clearTimeout(say);
  }
}
