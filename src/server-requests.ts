import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { ClientSpec, Responder } from './config';

/**
 * Answers for requests a server makes of the client (roots, sampling, elicitation), declared
 * per client in config. Jest config cannot carry functions to workers, so a dynamic answer is a
 * module path; the module is loaded in the environment, once per process.
 */

export function capabilitiesFor(spec: ClientSpec): ClientCapabilities {
  const capabilities: ClientCapabilities = {};
  if (spec.roots) capabilities.roots = { listChanged: true };
  if (spec.sampling) capabilities.sampling = {};
  if (spec.elicitation) capabilities.elicitation = {};
  return capabilities;
}

type Handler = (params: unknown, context: { client: string }) => unknown;

const loadedModules = new Map<string, Promise<Handler>>();

function loadHandler(file: string, where: string): Promise<Handler> {
  let loaded = loadedModules.get(file);
  if (!loaded) {
    loaded = (async () => {
      let mod: unknown;
      try {
        mod = require(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
        mod = await import(file);
      }
      const m = mod as { default?: unknown; respond?: unknown };
      const fn = typeof mod === 'function' ? mod : typeof m.default === 'function' ? m.default : m.respond;
      if (typeof fn !== 'function') {
        throw new Error(`jest-mcp: ${where}.module (${file}) must export a function (module.exports, default or respond)`);
      }
      return fn as Handler;
    })();
    loadedModules.set(file, loaded);
  }
  return loaded;
}

function responderFor(responder: Responder, where: string, rootDir: string, client: string): (params: unknown) => Promise<unknown> {
  if ('response' in responder) return async () => responder.response;
  const file = path.resolve(rootDir, responder.module);
  return async (params) => (await loadHandler(file, where))(params, { client });
}

/** Registers the configured answers on a client that is not connected yet. */
export async function installServerRequestHandlers(client: Client, spec: ClientSpec, rootDir: string): Promise<void> {
  if (!spec.roots && !spec.sampling && !spec.elicitation) return;
  const types = await import('@modelcontextprotocol/sdk/types.js');
  const where = `testEnvironmentOptions.mcp.clients.${spec.name}`;
  if (spec.roots) {
    const roots = spec.roots;
    client.setRequestHandler(types.ListRootsRequestSchema, () => ({ roots }));
  }
  if (spec.sampling) {
    const respond = responderFor(spec.sampling, `${where}.sampling`, rootDir, spec.name);
    client.setRequestHandler(types.CreateMessageRequestSchema, async (request) => (await respond(request.params)) as never);
  }
  if (spec.elicitation) {
    const respond = responderFor(spec.elicitation, `${where}.elicitation`, rootDir, spec.name);
    client.setRequestHandler(types.ElicitRequestSchema, async (request) => (await respond(request.params)) as never);
  }
}
