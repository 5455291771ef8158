import { npxInstallOf } from '../../src/transports/npx-install';

/** Which command lines jest-mcp has npx install before the server's first start, and what. */

test('npx -y <package> installs that package', () => {
  expect(npxInstallOf('npx', ['-y', '@modelcontextprotocol/server-everything', 'stdio'])).toEqual({
    packages: ['@modelcontextprotocol/server-everything'],
    options: [],
  });
  expect(npxInstallOf('/usr/local/bin/npx', ['--yes', 'mcp-server@1.2.3', '--port', '1'])?.packages).toEqual(['mcp-server@1.2.3']);
});

test('--package values are what is installed, and npx options pass on', () => {
  expect(npxInstallOf('npx', ['--yes', '--registry=http://127.0.0.1:4873', '-p', 'a', '--package=b@2', 'serve-a'])).toEqual({
    packages: ['a', 'b@2'],
    options: ['--registry=http://127.0.0.1:4873'],
  });
  expect(npxInstallOf('npx', ['-y', '--', 'pkg', '--flag'])?.packages).toEqual(['pkg']);
});

test('without --yes, for paths, and for other commands: nothing', () => {
  expect(npxInstallOf('npx', ['some-server'])).toBeUndefined();
  expect(npxInstallOf('npx', ['-y', '--no', 'some-server'])).toBeUndefined();
  expect(npxInstallOf('npx', ['-y', './local-server'])).toBeUndefined();
  expect(npxInstallOf('npx', ['-y'])).toBeUndefined();
  expect(npxInstallOf('node', ['-y', 'server.js'])).toBeUndefined();
  expect(npxInstallOf('npm', ['exec', '-y', 'pkg'])).toBeUndefined();
});
