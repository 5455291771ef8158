/**
 * The preset's `setupFilesAfterEnv` entry: runs in the test realm before the test file and
 * publishes the environment's clients as `globalThis.mcpClients`.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SESSIONS_KEY, createClients } from './bridge';

const entries = (globalThis as Record<symbol, unknown>)[SESSIONS_KEY] as Array<[string, Client]> | undefined;
(globalThis as { mcpClients?: unknown }).mcpClients = createClients(entries);
