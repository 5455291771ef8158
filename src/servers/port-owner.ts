import { commandLine } from '../process/command-line';
import { argvOf, holdersOf, nameOf, processTree, socketsOf } from '../process/socket-owners';
import { answerersOf, listeningSockets } from '../process/sockets';
import { REDACTED, isSecretLiteral, type Redactor } from '../util/redact';

/**
 * Whose process answers on a server's port. A handshake proves that something speaks MCP there,
 * not that it is the server jest-mcp started: another process may hold the port (a fixed one,
 * or the free one jest-mcp picked and let go before the server bound it). The listening socket
 * tells: it must belong to the server's process group or a descendant of its leader (a wrapper
 * such as `sh -c` or `npx` is the leader; its child holds the socket). Linux only (/proc).
 */

export type PortOwner =
  /** A process of the server's own holds every socket that answers there. */
  | { kind: 'ours' }
  /** This other process holds a socket that answers there. */
  | { kind: 'other'; pid: number }
  /** Cannot be told (no /proc, nothing listening, a holder this user cannot look into, a container's port): trust the handshake. */
  | { kind: 'unknown' };

/**
 * The port forwarders of container runtimes: a server run as `docker run -p …` or
 * `podman run -p …` is reached through one of them, a process jest-mcp did not start.
 */
const FORWARDERS = new Set(['docker-proxy', 'rootlessport', 'rootlesskit', 'slirp4netns', 'pasta', 'passt', 'gvproxy', 'vpnkit']);

/** Who answers a connection to `host:port`, for the server whose process group `leader` leads. */
export function portOwner(host: string, port: number, leader: number | undefined): PortOwner {
  const listeners = leader === undefined ? undefined : listeningSockets();
  if (!listeners || leader === undefined) return { kind: 'unknown' };
  const answerers = answerersOf(listeners, host, port);
  if (!answerers.length) return { kind: 'unknown' };
  // Most servers are the process jest-mcp started: no need to look at every process for them.
  const leaders = socketsOf(leader);
  if (answerers.every((l) => leaders?.has(l.inode))) return { kind: 'ours' };
  const tree = processTree(leader);
  const ours = new Set<number>();
  for (const pid of tree) socketsOf(pid)?.forEach((inode) => ours.add(inode));
  const foreign = answerers.filter((l) => !ours.has(l.inode));
  if (!foreign.length) return { kind: 'ours' };
  for (const listener of foreign) {
    const holders = holdersOf(listener.inode, new Set(tree));
    if (holders.some((pid) => FORWARDERS.has(nameOf(pid) ?? ''))) continue;
    if (holders.length) return { kind: 'other', pid: holders[0] };
  }
  return { kind: 'unknown' };
}

/**
 * Who holds `host:port` before the server starts, for the message that it is taken:
 * `pid N (command line)`, or the user whose process it is when this user cannot look into it.
 */
export function holderOfPort(host: string, port: number, redactor: Redactor): string | undefined {
  const answerers = answerersOf(listeningSockets() ?? [], host, port);
  for (const listener of answerers) {
    const [pid] = holdersOf(listener.inode);
    if (pid !== undefined) return describeProcess(pid, redactor);
  }
  // Another user's process (root's, say) cannot be looked into; this user's was just gone.
  const uid = answerers[0]?.uid;
  return uid === undefined || uid === process.getuid?.() ? undefined : `a process of user id ${uid}, which this user cannot look into`;
}

const MAX_COMMAND = 400;

/** `pid N (command line)` for messages; see shownCommandLine. */
export function describeProcess(pid: number, redactor: Redactor): string {
  const argv = argvOf(pid);
  return argv ? `pid ${pid} (${shownCommandLine(argv, redactor)})` : `pid ${pid}`;
}

/**
 * Another program's command line for messages. It may carry that program's secrets: the value
 * of an option or variable whose name says secret (`--api-key v`, `--token=v`, `API_KEY=v`) is
 * hidden, then the config's own secrets, then it is cut to a length a message can hold.
 */
export function shownCommandLine(argv: readonly string[], redactor: Redactor): string {
  const secretFlag = (arg: string | undefined) =>
    arg !== undefined && /^--?[A-Za-z]/.test(arg) && !arg.includes('=') && isSecretLiteral(arg, '');
  const shown = argv.map((arg, i) => {
    const assigned = /^(--?[A-Za-z][^=]*|[A-Za-z_]\w*)=/.exec(arg);
    if (assigned && isSecretLiteral(assigned[1], '')) return `${assigned[1]}=${REDACTED}`;
    if (i > 0 && secretFlag(argv[i - 1]) && !arg.startsWith('-')) return REDACTED;
    return commandLine(arg, []);
  });
  const line = redactor.redact(shown.join(' '));
  return line.length > MAX_COMMAND ? `${line.slice(0, MAX_COMMAND)}…` : line;
}
