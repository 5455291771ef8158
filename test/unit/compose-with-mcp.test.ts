import type { Config } from 'jest';
import { withMcp } from '../../src/config/with-mcp';

/** withMcp() merges without losing the config's own values; the e2e compose test runs the result. */
const own = {
  environment: require.resolve('../../src/environment'),
  setupAfterEnv: require.resolve('../../src/setup-after-env'),
  globalSetup: require.resolve('../../src/global-setup'),
  globalTeardown: require.resolve('../../src/global-teardown'),
};

test('an empty config gets everything the preset has', () => {
  expect(withMcp({}, { clients: { a: { url: 'http://127.0.0.1:1/mcp' } } })).toEqual({
    testEnvironment: own.environment,
    testEnvironmentOptions: { mcp: { clients: { a: { url: 'http://127.0.0.1:1/mcp' } } } },
    setupFilesAfterEnv: [own.setupAfterEnv],
    globalSetup: own.globalSetup,
    globalTeardown: own.globalTeardown,
  });
});

test("the config's own values are kept, and its global hooks are run by jest-mcp's", () => {
  const config: Config = {
    displayName: 'mine',
    testEnvironment: './my-env.js',
    testEnvironmentOptions: { custom: 1, mcp: { timeouts: { connect: 20 }, clients: { a: { url: 'http://a/mcp' } } } },
    setupFilesAfterEnv: ['./mine.js', own.setupAfterEnv],
    globalSetup: './setup.ts',
    globalTeardown: './teardown.ts',
  };
  const result = withMcp(config, { timeouts: { close: 3 }, clients: { b: { server: 's' } }, servers: { s: { command: 'node' } } });
  expect(result).toEqual({
    displayName: 'mine',
    testEnvironment: './my-env.js',
    testEnvironmentOptions: {
      custom: 1,
      mcp: {
        timeouts: { connect: 20, close: 3 },
        clients: { a: { url: 'http://a/mcp' }, b: { server: 's' } },
        servers: { s: { command: 'node' } },
        globalSetup: './setup.ts',
        globalTeardown: './teardown.ts',
      },
    },
    setupFilesAfterEnv: [own.setupAfterEnv, './mine.js'],
    globalSetup: own.globalSetup,
    globalTeardown: own.globalTeardown,
  });
  expect(config.globalSetup).toBe('./setup.ts'); // not mutated
});

test("Jest's plain node environment is replaced by jest-mcp's, which extends it", () => {
  expect(withMcp({ testEnvironment: 'node' }).testEnvironment).toBe(own.environment);
});

test('applying it twice changes nothing more', () => {
  const once = withMcp({ globalSetup: './setup.js' }, { servers: { s: { command: 'node' } } });
  expect(withMcp(once)).toEqual(once);
});

test('two global setups for one slot is an error, not a silent choice', () => {
  expect(() => withMcp({ globalSetup: './a.js' }, { globalSetup: './b.js' })).toThrow(
    /withMcp\(\) got two globalSetup modules, the config's "\.\/a\.js" and mcp\.globalSetup "\.\/b\.js"; keep one/,
  );
});
