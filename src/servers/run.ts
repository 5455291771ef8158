import { SERVER_HOST, resolveServer, serverEntries } from '../config/servers';
import type { McpOptions } from '../config/types';
import { clearServers, publishServers } from './handoff';
import { pickFreePort } from './port';
import { addServer, findServer, removeServer, runningServers } from './registry';
import { type McpSdk, loadSdk, resolveSdkGeneration } from '../sdk';
import { startServer } from './start';
import { stopServerProcess } from './stop';

/**
 * The servers of a run: started by the global setup in declaration order, stopped by the global
 * teardown in reverse. In watch mode the global setup runs again before every re-run: servers
 * still running with the same config are kept, the rest are (re)started.
 */
export async function startRunServers(mcp: McpOptions, rootDir: string): Promise<void> {
  const entries = serverEntries(mcp, rootDir);
  for (const entry of entries) {
    const running = findServer(entry.name);
    if (running && (running.fingerprint !== entry.fingerprint || running.process.exit)) {
      await stopServerProcess(running.spec, running.process);
      removeServer(running);
    }
  }
  // The readiness handshake speaks with the project's own SDK, found only if a server starts.
  let sdk: McpSdk | undefined;
  const projectSdk = () => (sdk ??= loadSdk(resolveSdkGeneration(rootDir, mcp.sdk)));
  try {
    for (const entry of entries) {
      if (findServer(entry.name)) continue;
      const port = entry.port ?? (await pickFreePort(SERVER_HOST));
      const spec = resolveServer(mcp, entry.name, { rootDir, port });
      const started = await startServer(spec, projectSdk, (other) => resolveServer(mcp, entry.name, { rootDir, port: other }));
      addServer({ spec: started.spec, process: started.process, fingerprint: entry.fingerprint, readyMs: started.readyMs });
    }
  } catch (error) {
    await stopRunServers();
    throw error;
  }
  publishServers(
    Object.fromEntries(runningServers().map(({ spec }) => [spec.name, { url: spec.url, transport: spec.transport, log: spec.logFile }])),
  );
}

/** Stops every server this process started, last started first. */
export async function stopRunServers(): Promise<void> {
  clearServers();
  for (const server of [...runningServers()].reverse()) {
    await stopServerProcess(server.spec, server.process).catch(() => {});
    removeServer(server);
  }
}
