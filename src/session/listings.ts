/**
 * What a server offers, every page of it: for test files that build tests from it at collection
 * time (`mcpClients.x.listed`, `test.each`, the conformance suite), for the coverage reporter, and
 * for contract snapshots. It only calls the client's own request(), so it runs in either realm.
 */
import { ANY_RESULT } from '../sdk/any-result';

export type ListedTool = { name: string } & Record<string, unknown>;
export type ListedResource = { uri: string; name?: string } & Record<string, unknown>;
export type ListedTemplate = { uriTemplate: string; name?: string } & Record<string, unknown>;
export type ListedPrompt = { name: string } & Record<string, unknown>;

export type ListKind = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';

export interface McpListings {
  tools: ListedTool[];
  resources: ListedResource[];
  resourceTemplates: ListedTemplate[];
  prompts: ListedPrompt[];
  /** The server's declared capabilities: a list the server did not declare is left empty, unasked. */
  capabilities: Record<string, unknown>;
  /**
   * A list that could not be read whole (the server failed the request, timed out, or its cursors
   * went round in circles), with why: the list holds the pages read before.
   */
  errors: Partial<Record<ListKind, string>>;
}

/**
 * The part of an SDK client (either generation) listing needs. Raw requests, not listTools():
 * the lists are what the server sent, also where the SDK's schemas would reject them.
 */
interface Lister {
  getServerCapabilities(): Record<string, unknown> | undefined;
  request(
    request: { method: string; params?: { cursor: string } },
    schema: unknown,
    options?: { timeout?: number },
  ): Promise<Record<string, unknown>>;
}

/** A server that keeps paging past this is not ending its list. */
export const MAX_PAGES = 1000;

const LISTS: Array<{ kind: ListKind; capability: string; method: string; field: string }> = [
  { kind: 'tools', capability: 'tools', method: 'tools/list', field: 'tools' },
  { kind: 'resources', capability: 'resources', method: 'resources/list', field: 'resources' },
  { kind: 'resourceTemplates', capability: 'resources', method: 'resources/templates/list', field: 'resourceTemplates' },
  { kind: 'prompts', capability: 'prompts', method: 'prompts/list', field: 'prompts' },
];

async function readPages(lister: Lister, method: string, field: string, timeoutMs: number, into: unknown[]): Promise<void> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) throw new Error(`still paging after ${MAX_PAGES} pages`);
    const request = cursor === undefined ? { method } : { method, params: { cursor } };
    const result = await lister.request(request, ANY_RESULT, { timeout: timeoutMs });
    const items = result[field];
    if (!Array.isArray(items)) throw new Error(`the result has no ${field} array`);
    into.push(...(items as unknown[]));
    const next = result.nextCursor;
    if (next === undefined || next === null || next === '') return;
    if (typeof next !== 'string') throw new Error(`nextCursor is not a string: ${JSON.stringify(next)}`);
    if (seen.has(next)) throw new Error(`nextCursor ${JSON.stringify(next.slice(0, 40))} came back again`);
    seen.add(next);
    cursor = next;
  }
}

/** Every page of each list the server declared, each request bounded by `timeoutMs`; never throws for a list. */
export async function fetchListings(client: unknown, timeoutMs: number): Promise<McpListings> {
  const lister = client as Lister;
  const capabilities = lister.getServerCapabilities() ?? {};
  const listings: McpListings = { tools: [], resources: [], resourceTemplates: [], prompts: [], capabilities, errors: {} };
  for (const { kind, capability, method, field } of LISTS) {
    if (!capabilities[capability]) continue;
    try {
      await readPages(lister, method, field, timeoutMs, listings[kind]);
    } catch (error) {
      listings.errors[kind] =
        `${field === 'resourceTemplates' ? 'resources/templates' : field}/list: ${(error as Error)?.message ?? String(error)}`;
    }
  }
  return listings;
}

/**
 * Whether a test file reads the lists when it is collected (a plain scan of its source, like the
 * `@mcp-clients` pragma): fetching them costs each client a few requests at setup.
 */
export function sourceWantsListings(source: string): boolean {
  return /\blisted\b|\bdescribeConformance\b/.test(source);
}

/** Whether a test file runs the conformance suite, which also probes an HTTP server's auth at setup. */
export function sourceWantsConformance(source: string): boolean {
  return /\bdescribeConformance\b/.test(source);
}

/** Fetches each open client's lists, side by side, and leaves them on it for the bridge. */
export async function attachListings(
  entries: Array<{ name: string; client: unknown; listed?: McpListings }>,
  timeoutMs: (name: string) => number,
) {
  await Promise.all(
    entries.map(async (entry) => {
      entry.listed = await fetchListings(entry.client, timeoutMs(entry.name));
    }),
  );
}
