import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * The TCP sockets listening on a port, from Linux's /proc/net/tcp and /proc/net/tcp6, and which
 * of them a connection to an IPv4 address reaches. This is how jest-mcp learns whose process
 * answers on a port without asking that process (whose answer could be anyone's).
 */

export interface Listener {
  family: 4 | 6;
  /** As Node prints it: '127.0.0.1', '0.0.0.0', '::', '::1', '::ffff:127.0.0.1'. */
  address: string;
  port: number;
  /** The socket's inode: a process holding it has a descriptor linking to `socket:[inode]`. */
  inode: number;
  /** The user that created it. */
  uid: number;
}

/** The `st` column's value for a socket in the LISTEN state. */
const LISTEN = '0A';

/** The kernel prints each 32-bit word of an address in the machine's own byte order. */
function wordBytes(hex: string, littleEndian: boolean): number[] {
  const word = parseInt(hex, 16);
  const bytes = [word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255];
  return littleEndian ? bytes.reverse() : bytes;
}

/** An address of /proc/net/tcp (8 hex digits) or tcp6 (32), as Node would print it. */
export function parseAddress(hex: string, littleEndian = os.endianness() === 'LE'): string {
  if (hex.length === 8) return wordBytes(hex, littleEndian).join('.');
  if (hex.length !== 32) throw new Error(`not an address of /proc/net/tcp or tcp6: ${hex}`);
  const bytes = [0, 8, 16, 24].flatMap((at) => wordBytes(hex.slice(at, at + 8), littleEndian));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = [0, 2, 4, 6, 8, 10, 12, 14].map((at) => ((bytes[at] << 8) | bytes[at + 1]).toString(16)).join(':');
  // The WHATWG URL parser writes IPv6 the canonical way (RFC 5952: the longest run of zeros as ::).
  return new URL(`http://[${groups}]/`).hostname.slice(1, -1);
}

/** The listening sockets in the text of /proc/net/tcp (`family` 4) or /proc/net/tcp6 (6). */
export function parseListeners(text: string, family: 4 | 6, littleEndian?: boolean): Listener[] {
  const listeners: Listener[] = [];
  // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …"
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== LISTEN) continue;
    const [address, port] = fields[1].split(':');
    listeners.push({
      family,
      address: parseAddress(address, littleEndian),
      port: parseInt(port, 16),
      inode: Number(fields[9]),
      uid: Number(fields[7]),
    });
  }
  return listeners;
}

/**
 * The sockets listening on `port` that a connection to the IPv4 address `host` reaches. Linux
 * picks a socket bound to the address itself over a wildcard one, and an IPv4 wildcard over
 * IPv6's `::` (which takes IPv4 only when dual-stack, which /proc does not show: counted as if).
 * More than one in the winning tier means they share the port (SO_REUSEPORT) and any may answer.
 */
export function answerersOf(listeners: readonly Listener[], host: string, port: number): Listener[] {
  const on = listeners.filter((l) => l.port === port);
  const tiers = [
    on.filter((l) => l.address === host || l.address === `::ffff:${host}`),
    on.filter((l) => l.address === '0.0.0.0'),
    on.filter((l) => l.address === '::'),
  ];
  return tiers.find((tier) => tier.length > 0) ?? [];
}

/**
 * Every listening TCP socket of this network namespace, IPv4 and IPv6; undefined where
 * /proc/net/tcp cannot be read (not Linux: nothing here can tell). A system without IPv6 has no tcp6.
 */
export function listeningSockets(): Listener[] | undefined {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const tcp = read('/proc/net/tcp');
  if (tcp === undefined) return undefined;
  return [...parseListeners(tcp, 4), ...parseListeners(read('/proc/net/tcp6') ?? '', 6)];
}
