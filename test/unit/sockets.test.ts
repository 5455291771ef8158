import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { argvOf, processTree, socketsOf } from '../../src/process/socket-owners';
import { type Listener, answerersOf, listeningSockets, parseAddress, parseListeners } from '../../src/process/sockets';
import { holderOfPort, portOwner, shownCommandLine } from '../../src/servers/port-owner';
import { REDACTED, Redactor } from '../../src/util/redact';

/**
 * Who listens on a port, from /proc/net/tcp and tcp6: the addresses as the kernel prints them,
 * which listener a connection to 127.0.0.1 reaches, and (against real sockets of this process)
 * whose socket it is.
 */

describe('parseAddress', () => {
  test.each([
    ['0100007F', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['0101A8C0', '192.168.1.1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000001000000', '::1'],
    ['0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
    ['000080FE000000000000000001000000', 'fe80::1'],
    ['B80D0120000000000000000001000000', '2001:db8::1'],
  ])('%s (a little-endian machine) is %s', (hex, address) => {
    expect(parseAddress(hex, true)).toBe(address);
  });

  test('on a big-endian machine the words come in network order', () => {
    expect(parseAddress('7F000001', false)).toBe('127.0.0.1');
    expect(parseAddress('00000000000000000000FFFF7F000001', false)).toBe('::ffff:127.0.0.1');
  });

  test('anything else is not an address of /proc/net/tcp', () => {
    expect(() => parseAddress('7F0001', true)).toThrow('not an address of /proc/net/tcp or tcp6: 7F0001');
  });
});

describe('parseListeners', () => {
  // Lines as Linux 6.x writes them; the second and third are not listening (01 ESTABLISHED, 06 TIME_WAIT).
  const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 48213 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:D4C2 01 00000000:00000000 00:00000000 00000000  1000        0 48220 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:9C40 0100007F:1F90 06 00000000:00000000 03:00000ac9 00000000     0        0 0 3 0000000000000000
   3: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1093 1 0000000000000000 100 0 0 10 0
`;
  const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 5551 1 0000000000000000 100 0 0 10 0
`;

  test('keeps the listening sockets, with port, inode and owner', () => {
    expect(parseListeners(TCP, 4, true)).toEqual([
      { family: 4, address: '127.0.0.1', port: 8080, inode: 48213, uid: 1000 },
      { family: 4, address: '0.0.0.0', port: 22, inode: 1093, uid: 0 },
    ]);
    expect(parseListeners(TCP6, 6, true)).toEqual([{ family: 6, address: '::', port: 3000, inode: 5551, uid: 1001 }]);
  });

  test('an empty table (a system without IPv6 sockets) has none', () => {
    expect(parseListeners('', 6, true)).toEqual([]);
    expect(parseListeners(TCP.split('\n')[0], 4, true)).toEqual([]);
  });
});

describe('answerersOf: the sockets a connection to 127.0.0.1 reaches', () => {
  let inode = 0;
  const l = (address: string, port = 4000): Listener => ({
    family: address.includes(':') ? 6 : 4,
    address,
    port,
    inode: ++inode,
    uid: 1000,
  });
  const addresses = (found: Listener[]) => found.map((x) => x.address);

  test('one bound to 127.0.0.1 itself wins over the wildcards (Linux prefers the exact address)', () => {
    expect(addresses(answerersOf([l('0.0.0.0'), l('::'), l('127.0.0.1')], '127.0.0.1', 4000))).toEqual(['127.0.0.1']);
  });

  test('so does an IPv6 socket bound to the IPv4-mapped ::ffff:127.0.0.1', () => {
    expect(addresses(answerersOf([l('0.0.0.0'), l('::ffff:127.0.0.1')], '127.0.0.1', 4000))).toEqual(['::ffff:127.0.0.1']);
  });

  test('without one, 0.0.0.0, then :: (dual-stack: it takes IPv4 too)', () => {
    expect(addresses(answerersOf([l('::'), l('0.0.0.0')], '127.0.0.1', 4000))).toEqual(['0.0.0.0']);
    expect(addresses(answerersOf([l('::')], '127.0.0.1', 4000))).toEqual(['::']);
  });

  test('sockets sharing the port (SO_REUSEPORT) all answer', () => {
    expect(addresses(answerersOf([l('127.0.0.1'), l('127.0.0.1'), l('0.0.0.0')], '127.0.0.1', 4000))).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  test('other addresses and other ports do not answer', () => {
    expect(answerersOf([l('::1'), l('127.0.0.2'), l('192.168.1.5'), l('127.0.0.1', 4001)], '127.0.0.1', 4000)).toEqual([]);
  });
});

describe('shownCommandLine: another process, described without its secrets', () => {
  const none = new Redactor();

  test('hides the value of an option or variable whose name says secret', () => {
    expect(
      shownCommandLine(['node', 'server.js', '--api-key', 'k-123', '--token=t-456', 'DB_PASSWORD=p-789', '--port', '4000'], none),
    ).toBe(`node server.js --api-key ${REDACTED} --token=${REDACTED} DB_PASSWORD=${REDACTED} --port 4000`);
  });

  test('an option after a secret-named flag is not its value', () => {
    expect(shownCommandLine(['server', '--auth', '--port', '4000'], none)).toBe('server --auth --port 4000');
  });

  test("hides the config's own secrets and the shapes that are always secret", () => {
    const redactor = new Redactor().add('known-secret-value');
    expect(shownCommandLine(['server', '--x', 'known-secret-value', 'https://u:pw@host/', 'Bearer abcdef'], redactor)).toBe(
      `server --x ${REDACTED} https://u:${REDACTED}@host/ 'Bearer ${REDACTED}'`,
    );
  });

  test('quotes what a shell would split, and cuts what no message can hold', () => {
    expect(shownCommandLine(['node', 'my server.js'], none)).toBe(`node 'my server.js'`);
    const long = shownCommandLine(['node', 'x'.repeat(1000)], none);
    expect(long).toBe(`node ${'x'.repeat(200)}… (800 more characters)`);
    const many = shownCommandLine(['node', ...Array.from({ length: 100 }, (_, i) => `--flag-${i}`)], none);
    expect(many).toHaveLength(401);
    expect(many.endsWith('…')).toBe(true);
  });
});

const LINUX = fs.existsSync('/proc/net/tcp');

(LINUX ? describe : describe.skip)('against real sockets (Linux /proc)', () => {
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('finds the listening socket of this process by its inode', () => {
    const [found, ...more] = answerersOf(listeningSockets()!, '127.0.0.1', port);
    expect(more).toEqual([]);
    expect(found).toMatchObject({ family: 4, address: '127.0.0.1', port, uid: process.getuid!() });
    expect(socketsOf(process.pid)!.has(found.inode)).toBe(true);
  });

  test('the socket is ours when the process holding it is the leader, another process when not', () => {
    expect(portOwner('127.0.0.1', port, process.pid)).toEqual({ kind: 'ours' });
    // A process group nobody leads: this process is someone else to it.
    expect(portOwner('127.0.0.1', port, 2 ** 22 + 1)).toEqual({ kind: 'other', pid: process.pid });
  });

  test('a member of the leader’s tree holds it: ours (a wrapper such as sh -c leads the group)', async () => {
    // This process as the child of a leader: the leader is this process's parent (Jest's worker).
    expect(processTree(process.ppid)).toContain(process.pid);
    expect(portOwner('127.0.0.1', port, process.ppid)).toEqual({ kind: 'ours' });
  });

  test('nothing listening: nobody can be blamed', () => {
    const free = net.createServer();
    return new Promise<void>((resolve) =>
      free.listen(0, '127.0.0.1', () => {
        const other = (free.address() as net.AddressInfo).port;
        free.close(() => {
          expect(portOwner('127.0.0.1', other, process.pid)).toEqual({ kind: 'unknown' });
          expect(holderOfPort('127.0.0.1', other, new Redactor())).toBeUndefined();
          resolve();
        });
      }),
    );
  });

  test('holderOfPort names the process and its command line', () => {
    const argv = argvOf(process.pid)!;
    expect(holderOfPort('127.0.0.1', port, new Redactor())).toBe(`pid ${process.pid} (${shownCommandLine(argv, new Redactor())})`);
  });

  test('argvOf reads a command line, arguments with spaces kept whole', async () => {
    const argv = ['-e', 'setTimeout(() => {}, 30000)', 'a b'];
    const child = spawn(process.execPath, argv, { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    try {
      expect(argvOf(child.pid!)).toEqual([process.execPath, ...argv]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    expect(argvOf(2 ** 22 + 1)).toBeUndefined();
  });
});
