import type { InProcessServer, ServerFactoryContext } from './types';
import { V1_SERVER_MODULES, hasWebTransport, isV1Server, serveV1 } from './v1-in-process';
import { V2_SERVER_PACKAGE, isV2Server, serveV2 } from './v2-in-process';

/**
 * Which SDK generation made a server module's server, and serving it by that generation's means.
 * The classes compared with are those of the SDK copy the module itself loaded (its folder, its
 * module format, the test's registry): `load` gives them, or undefined where one is not installed.
 */

export class ServerNotServableError extends Error {
  override readonly name = 'ServerNotServableError';
}

export async function serveInProcess(
  made: unknown,
  factory: (ctx: ServerFactoryContext) => unknown,
  era: ServerFactoryContext['era'],
  load: (specifier: string) => Promise<unknown>,
): Promise<InProcessServer | undefined> {
  const v2 = await load(V2_SERVER_PACKAGE);
  if (isV2Server(v2, made)) return serveV2(v2, factory, { era, server: made });
  const [mcp, server] = await Promise.all([load(V1_SERVER_MODULES.mcp), load(V1_SERVER_MODULES.server)]);
  if (!isV1Server(mcp, server, made)) return undefined;
  const web = await load(V1_SERVER_MODULES.web);
  if (!hasWebTransport(web)) {
    throw new ServerNotServableError(
      `its server is an @modelcontextprotocol/sdk 1.x server, and this 1.x has no WebStandardStreamableHTTPServerTransport to serve it in process; upgrade @modelcontextprotocol/sdk (1.32 has it)`,
    );
  }
  return serveV1(web, made);
}
