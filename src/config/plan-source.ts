import { authServerVariables, readAuthServers } from '../authserver/handoff';
import { readServers } from '../servers/handoff';
import type { PlanSource } from './file-plan';

/** `env` as `${VAR}` sees it for a file: the process's environment (read live, after the env file loaded into it) plus `extra`. */
export function fileEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return new Proxy(process.env, {
    get: (env, name) => (typeof name === 'string' && name in extra ? extra[name] : env[name as string]),
  });
}

/**
 * Where a test file's plans resolve `${VAR}` and `server:` from, under Jest or Vitest: the
 * environment, the file's own variables (its temp dir), the run's authorization servers and
 * servers, read afresh for every plan. The file's variables and the servers' URLs are no secrets.
 */
export function filePlanSource(rootDir: string, fileVars: Record<string, string>, matrix?: string): PlanSource {
  return () => {
    const vars = { ...authServerVariables(readAuthServers()), ...fileVars };
    return { rootDir, servers: readServers(), env: fileEnv(vars), visible: Object.values(vars), ...(matrix !== undefined && { matrix }) };
  };
}
