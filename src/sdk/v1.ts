import { clientCapabilities } from './capabilities';
import type { McpSdk, RealmErrorClasses } from './types';
import { requireV1Feature } from './v1-features';

/**
 * `@modelcontextprotocol/sdk` 1.x behind jest-mcp's SDK interface. Every part of the SDK is
 * required when first used, not when this module loads: the test realm loads this module for
 * error classes alone, and a worker whose files open no client never loads the SDK at all.
 */

type Types = typeof import('@modelcontextprotocol/sdk/types.js');
type ClientModule = typeof import('@modelcontextprotocol/sdk/client/index.js');

const PACKAGE = '@modelcontextprotocol/sdk';
const ERRORS = '@modelcontextprotocol/sdk/types.js';

const ERROR_NAMES = ['McpError'];

function errorClasses(types: Pick<Types, 'McpError'>): RealmErrorClasses {
  return {
    names: ERROR_NAMES,
    protocolError(source) {
      if (source.name !== 'McpError' || typeof source.code !== 'number') return undefined;
      // McpError puts "MCP error <code>: " before the message itself; give it the bare message.
      const message = (source.message ?? '').replace(/^MCP error -?\d+: /, '');
      // fromError gives the subclass the SDK itself throws (UrlElicitationRequiredError for -32042).
      return types.McpError.fromError(source.code, message, source.data);
    },
  };
}

/**
 * Up to 1.2x, a request still pending when the connection closes keeps its timeout timer (60 s by
 * default) after it was rejected: the timer keeps a Jest worker, or Jest itself in band, alive for
 * a minute after a server crashed mid-call ("did not exit one second after the test run"). Later
 * 1.x clear them on close, as this does for the older ones.
 */
function clearTimersOnClose(client: object): void {
  const protocol = client as { _onclose?: () => void; _timeoutInfo?: Map<unknown, { timeoutId: ReturnType<typeof setTimeout> }> };
  const onclose = protocol._onclose;
  if (typeof onclose !== 'function' || !(protocol._timeoutInfo instanceof Map)) return;
  protocol._onclose = function (this: typeof protocol) {
    onclose.call(this);
    for (const { timeoutId } of this._timeoutInfo?.values() ?? []) clearTimeout(timeoutId);
    this._timeoutInfo?.clear();
  };
}

const sdk: McpSdk = {
  generation: 'v1',
  packageName: PACKAGE,

  async createClient({ name, version, answers }) {
    const { Client } = require('@modelcontextprotocol/sdk/client/index.js') as ClientModule;
    if (answers.samplingTools) requireV1Feature('samplingTools');
    const capabilities = clientCapabilities(answers);
    const client = new Client({ name, version }, { capabilities });
    clearTimersOnClose(client);
    if (answers.roots || answers.sampling || answers.elicitation) {
      const types = require(ERRORS) as Types;
      const { roots, sampling, elicitation } = answers;
      if (roots) client.setRequestHandler(types.ListRootsRequestSchema, () => roots() as never);
      if (sampling)
        client.setRequestHandler(types.CreateMessageRequestSchema, async (request) => (await sampling(request.params)) as never);
      if (elicitation) client.setRequestHandler(types.ElicitRequestSchema, async (request) => (await elicitation(request.params)) as never);
    }
    return client;
  },

  protocolEra: () => 'legacy',

  async streamableHttpTransport(url, { headers, authProvider, fetch }) {
    const { StreamableHTTPClientTransport } =
      require('@modelcontextprotocol/sdk/client/streamableHttp.js') as typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return new StreamableHTTPClientTransport(url, { requestInit: { headers }, authProvider: authProvider as never, fetch }) as never;
  },

  async sseTransport(url, { headers, authProvider, fetch }) {
    const { SSEClientTransport } =
      require('@modelcontextprotocol/sdk/client/sse.js') as typeof import('@modelcontextprotocol/sdk/client/sse.js');
    return new SSEClientTransport(url, { requestInit: { headers }, authProvider: authProvider as never, fetch }) as never;
  },

  async stdioFraming() {
    const { ReadBuffer, serializeMessage } =
      require('@modelcontextprotocol/sdk/shared/stdio.js') as typeof import('@modelcontextprotocol/sdk/shared/stdio.js');
    return {
      createReader: () => {
        const buffer = new ReadBuffer();
        return { append: (chunk: Buffer) => buffer.append(chunk), readMessage: () => buffer.readMessage() };
      },
      serialize: (message) => serializeMessage(message as never),
    };
  },

  async defaultStdioEnvironment() {
    const { getDefaultEnvironment } =
      require('@modelcontextprotocol/sdk/client/stdio.js') as typeof import('@modelcontextprotocol/sdk/client/stdio.js');
    return getDefaultEnvironment();
  },

  async clientCredentialsProvider(options) {
    return (require('./v1-auth') as typeof import('./v1-auth')).clientCredentialsProvider(options);
  },

  runOAuth: (provider, run) => (require('./v1-auth') as typeof import('./v1-auth')).runOAuth(provider, run),
  bearerChallenge: (header) => (require('./v1-auth') as typeof import('./v1-auth')).bearerChallenge(header),
  isRedirectError: (error) => (require('./v1-auth') as typeof import('./v1-auth')).isRedirectError(error),

  isAuthProvider(value) {
    return typeof value === 'object' && value !== null && typeof (value as { tokens?: unknown }).tokens === 'function';
  },

  checkJsonSchema(schema, value) {
    const { AjvJsonSchemaValidator } =
      require('@modelcontextprotocol/sdk/validation/ajv-provider.js') as typeof import('@modelcontextprotocol/sdk/validation/ajv-provider.js');
    const result = new AjvJsonSchemaValidator().getValidator(schema as never)(value);
    return result.valid ? { valid: true } : { valid: false, errorMessage: result.errorMessage };
  },

  supportedProtocolVersions: () => (require(ERRORS) as Types).SUPPORTED_PROTOCOL_VERSIONS,

  realmErrors() {
    try {
      return errorClasses(require(ERRORS) as Types);
    } catch {
      // After Jest tore the file's module registry down: nobody waits for the error any more.
      return undefined;
    }
  },

  errorsModule: { specifier: ERRORS, classes: (mod) => errorClasses(mod as Types) },
  errorNames: ERROR_NAMES,
};

export = sdk;
