import { Redactor } from '../util/redact';
import { loadEnvFile } from './env-file';
import { Interpolation } from './interpolate';
import { SecretPolicy } from './secret-rules';
import type { McpOptions } from './types';

/**
 * Every secret value the whole config holds, clients and servers alike, whichever of them a
 * test file uses: a server started for the run may log the token a client sends it, and a test
 * may print what a server it did not open echoed. Interpolated as the plan and the servers
 * interpolate (the same rules, secret-rules.ts, decide what is secret), plus the values of the
 * variables `mcp.secrets.add` names, but never throws: a variable that is not set has no value to
 * hide, and the config's own errors are reported where it is resolved.
 */
export function knownSecrets(
  options: McpOptions,
  rootDir: string,
  env: NodeJS.ProcessEnv = process.env,
  visible: readonly string[] = [],
): Redactor {
  const redactor = new Redactor();
  try {
    loadEnvFile(rootDir, options.envFile);
  } catch {
    // Reported by whoever resolves the config.
  }
  const policy = new SecretPolicy(options.secrets);
  redactor.add(...policy.addedValues(env));
  const vars = new Interpolation(env, redactor, visible, policy);
  for (const [name, client] of Object.entries(options.clients ?? {})) {
    const where = `clients.${name}`;
    if ('url' in client) vars.urlCredentials(vars.url(client.url, `${where}.url`));
    if ('headers' in client) vars.record(client.headers, `${where}.headers`, 'header');
    if ('command' in client) {
      (client.args ?? []).forEach((arg, i, all) => vars.arg(arg, `${where}.args`, all[i - 1]));
      vars.record(client.env, `${where}.env`, 'env');
    }
    const auth = 'auth' in client ? client.auth : undefined;
    const secrets =
      auth && 'clientCredentials' in auth
        ? [auth.clientCredentials.clientSecret, auth.clientCredentials.privateKey]
        : auth && 'authorizationCode' in auth
          ? [
              auth.authorizationCode.clientSecret,
              typeof auth.authorizationCode.login === 'object' ? auth.authorizationCode.login.password : undefined,
            ]
          : [];
    for (const secret of secrets) if (typeof secret === 'string') redactor.add(vars.text(secret, `${where}.auth`));
  }
  // A server's own `${PORT}` and `${HOST}` are not secrets: without them no message is readable.
  const serverVars = new Interpolation({ ...env, PORT: '', HOST: '' }, redactor, visible, policy);
  for (const [name, server] of Object.entries(options.servers ?? {})) {
    const where = `servers.${name}`;
    (server.args ?? []).forEach((arg, i, all) => serverVars.arg(arg, `${where}.args`, all[i - 1]));
    serverVars.record(server.env, `${where}.env`, 'env', (raw) => !/\$\{(PORT|HOST)[:}]/.test(raw));
    serverVars.record(server.readyHeaders, `${where}.readyHeaders`, 'header');
  }
  // The run's test authorization servers: what their users and clients sign in with.
  for (const [name, server] of Object.entries(options.authServers ?? {})) {
    for (const [user, u] of Object.entries(server.users ?? {})) redactor.add(vars.text(u.password, `authServers.${name}.users.${user}`));
    for (const c of server.clients ?? []) if (c.client_secret) redactor.add(vars.text(c.client_secret, `authServers.${name}.clients`));
  }
  return redactor;
}
