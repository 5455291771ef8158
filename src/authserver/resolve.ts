import { loadEnvFile } from '../config/env-file';
import { Interpolation } from '../config/interpolate';
import { mcpPath } from '../config/paths';
import type { McpAuthServerOptions, McpOptions } from '../config/types';
import { Redactor } from '../util/redact';

/**
 * `mcp.authServers.<name>` with `${VAR}` interpolated: passwords and client secrets are secrets,
 * redirect URIs are not. Throws one config error naming every variable that is not set.
 */
export function resolveAuthServer(
  options: McpOptions,
  name: string,
  rootDir: string,
  env: NodeJS.ProcessEnv = process.env,
): McpAuthServerOptions {
  const config = options.authServers?.[name] ?? {};
  const where = mcpPath('authServers', name);
  const envFile = loadEnvFile(rootDir, options.envFile);
  const vars = new Interpolation(env, new Redactor());
  const resolved: McpAuthServerOptions = {
    ...config,
    users: Object.fromEntries(
      Object.entries(config.users ?? {}).map(([user, u]) => [
        user,
        { ...u, password: vars.secret(u.password, `${where}.users.${user}.password`) },
      ]),
    ),
    clients: config.clients?.map((c, i) => ({
      ...c,
      ...(c.client_secret === undefined ? {} : { client_secret: vars.secret(c.client_secret, `${where}.clients[${i}].client_secret`) }),
      ...(c.redirect_uris
        ? { redirect_uris: c.redirect_uris.map((u, j) => vars.text(u, `${where}.clients[${i}].redirect_uris[${j}]`)) }
        : {}),
    })),
  };
  if (config.users === undefined) delete resolved.users;
  if (config.clients === undefined) delete resolved.clients;
  vars.finish(rootDir, envFile);
  return resolved;
}
