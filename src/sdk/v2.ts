import { clientCapabilities } from './capabilities';
import type { McpSdk, RealmErrorClasses } from './types';

/**
 * `@modelcontextprotocol/client` 2.x behind jest-mcp's SDK interface. Like `v1`, every part
 * loads on first use. What differs from 1.x: one package root for the client, transports,
 * framing, auth and errors; request handlers keyed by method name; version negotiation
 * between the 2025 protocol (`legacy`) and 2026-07-28 (`modern`).
 */

type ClientPackage = typeof import('@modelcontextprotocol/client');

const PACKAGE = '@modelcontextprotocol/client';

function client(): ClientPackage {
  return require(PACKAGE) as ClientPackage;
}

type Source = { name?: string; code?: unknown; message?: string; data?: unknown };

const ERROR_NAMES = ['ProtocolError', 'SdkError', 'SdkHttpError', 'UnauthorizedError'];

function errorClasses(pkg: Pick<ClientPackage, 'ProtocolError' | 'SdkError' | 'SdkHttpError' | 'UnauthorizedError'>): RealmErrorClasses {
  return {
    names: ERROR_NAMES,
    protocolError(source: Source) {
      // fromError gives the subclass the SDK itself would throw (ResourceNotFoundError, …).
      if (source.name === 'ProtocolError' && typeof source.code === 'number') {
        return pkg.ProtocolError.fromError(source.code, source.message ?? '', source.data);
      }
      if (source.name === 'SdkHttpError' && typeof source.code === 'string') {
        return new pkg.SdkHttpError(source.code as never, source.message ?? '', source.data as never);
      }
      if (source.name === 'SdkError' && typeof source.code === 'string') {
        return new pkg.SdkError(source.code as never, source.message ?? '', source.data);
      }
      if (source.name === 'UnauthorizedError') return new pkg.UnauthorizedError(source.message);
      return undefined;
    },
  };
}

/** jest-mcp's `protocol` as the SDK's version negotiation: a revision is pinned (`{ pin }`). */
function negotiation(protocol: string | undefined): { mode: 'legacy' | 'auto' | { pin: string } } | undefined {
  if (protocol === undefined) return undefined;
  return { mode: protocol === 'legacy' || protocol === 'auto' ? protocol : { pin: protocol } };
}

const sdk: McpSdk = {
  generation: 'v2',
  packageName: PACKAGE,

  async createClient({ name, version, answers, protocol }) {
    const { Client } = client();
    const capabilities = clientCapabilities(answers);
    const versionNegotiation = negotiation(protocol);
    const made = new Client({ name, version }, { capabilities, ...(versionNegotiation && { versionNegotiation }) });
    // In the modern era the same handlers answer `input_required` rounds: the SDK runs them and retries the call.
    const { roots, sampling, elicitation } = answers;
    if (roots) made.setRequestHandler('roots/list', () => roots() as never);
    if (sampling) made.setRequestHandler('sampling/createMessage', async (request) => (await sampling(request.params)) as never);
    if (elicitation) made.setRequestHandler('elicitation/create', async (request) => (await elicitation(request.params)) as never);
    return made;
  },

  protocolEra: (made) => (made as unknown as { getProtocolEra(): 'legacy' | 'modern' | undefined }).getProtocolEra(),

  async streamableHttpTransport(url, { headers, authProvider, fetch }) {
    const { StreamableHTTPClientTransport } = client();
    return new StreamableHTTPClientTransport(url, { requestInit: { headers }, authProvider: authProvider as never, fetch }) as never;
  },

  async sseTransport(url, { headers, authProvider, fetch }) {
    const { SSEClientTransport } = client();
    return new SSEClientTransport(url, { requestInit: { headers }, authProvider: authProvider as never, fetch }) as never;
  },

  async stdioFraming() {
    const { ReadBuffer, serializeMessage } = client();
    return {
      createReader: () => {
        const buffer = new ReadBuffer();
        return { append: (chunk: Buffer) => buffer.append(chunk), readMessage: () => buffer.readMessage() };
      },
      serialize: (message) => serializeMessage(message as never),
    };
  },

  async defaultStdioEnvironment() {
    const { getDefaultEnvironment } = require(`${PACKAGE}/stdio`) as typeof import('@modelcontextprotocol/client/stdio');
    return getDefaultEnvironment();
  },

  async clientCredentialsProvider(options) {
    return (require('./v2-auth') as typeof import('./v2-auth')).clientCredentialsProvider(options);
  },

  runOAuth: (provider, run) => (require('./v2-auth') as typeof import('./v2-auth')).runOAuth(provider, run),
  bearerChallenge: (header) => (require('./v2-auth') as typeof import('./v2-auth')).bearerChallenge(header),
  isRedirectError: (error) => (require('./v2-auth') as typeof import('./v2-auth')).isRedirectError(error),

  isAuthProvider(value) {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as { tokens?: unknown; token?: unknown };
    // An OAuthClientProvider, or 2.x's minimal `{ token() }` provider.
    return typeof candidate.tokens === 'function' || typeof candidate.token === 'function';
  },

  checkJsonSchema(schema, value) {
    const { AjvJsonSchemaValidator } = require(`${PACKAGE}/validators/ajv`) as typeof import('@modelcontextprotocol/client/validators/ajv');
    const result = new AjvJsonSchemaValidator().getValidator(schema as never)(value);
    return result.valid ? { valid: true } : { valid: false, errorMessage: result.errorMessage };
  },

  // The package's public exports list the 2025 revisions only; its modern one (2026-07-28) is
  // internal, so it is named here.
  supportedProtocolVersions: () => [...client().SUPPORTED_PROTOCOL_VERSIONS, '2026-07-28'],

  realmErrors() {
    try {
      return errorClasses(client());
    } catch {
      // After Jest tore the file's module registry down: nobody waits for the error any more.
      return undefined;
    }
  },

  errorsModule: { specifier: PACKAGE, classes: (mod) => errorClasses(mod as ClientPackage) },
  errorNames: ERROR_NAMES,
};

export = sdk;
