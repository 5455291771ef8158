import { type ContractSource, type McpContract, type McpContractOptions, contractOf } from '../expect/contract-shape';
import { fetchListings, type McpListings } from '../session/listings';

/**
 * `mcpContract(client)`: what a server offers, as a value to snapshot (`toMatchSnapshot()`) and
 * compare in CI: any change to a tool's schema, annotations, icons or MCP Apps UI, a resource, a
 * template or a prompt fails the snapshot; the order the server lists them in does not.
 */

export interface McpContractFetchOptions extends McpContractOptions {
  /** Bound on each list request (every page of tools/list, resources/list, …), in milliseconds, as every helper's. Default 30000. */
  timeout?: number;
  /** @deprecated The same as `timeout` (milliseconds); use `timeout`. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** An MCP client of either SDK generation (anything with `listTools`), or lists fetched already. */
export type McpContractSource = { listTools: (...args: never[]) => unknown } | ContractSource;

function isListings(value: unknown): value is ContractSource & Partial<McpListings> {
  const v = value as Partial<ContractSource> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.tools) && Array.isArray(v.resources) && Array.isArray(v.prompts);
}

function isClient(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { listTools?: unknown }).listTools === 'function';
}

/**
 * The contract of the server behind `source`: an MCP client (`mcpClients.x`, `openMcpClient()`,
 * every page of every list it declared is fetched) or lists already fetched
 * (`mcpClients.x.listed`). Rejects when a list could not be read whole: a partial contract would
 * pass or fail for the wrong reason.
 */
export async function mcpContract(source: McpContractSource, options: McpContractFetchOptions = {}): Promise<McpContract> {
  let listings: Pick<McpListings, 'errors'> & ContractSource;
  if (isClient(source)) listings = await fetchListings(source, options.timeout ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  else if (isListings(source)) listings = { errors: {}, ...source };
  else {
    throw new TypeError(
      'mcpContract: expected an MCP client (e.g. mcpClients.notes) or its lists (mcpClients.notes.listed), ' +
        `received ${source === null ? 'null' : typeof source === 'object' ? `an object with keys ${Object.keys(source).join(', ') || '(none)'}` : typeof source}`,
    );
  }
  const failed = Object.entries(listings.errors ?? {}).filter(([, why]) => why);
  if (failed.length) {
    throw new Error(
      `mcpContract: the server's lists could not be read whole, so there is no contract to compare:\n` +
        failed.map(([kind, why]) => `  ${kind}: ${why}`).join('\n'),
    );
  }
  const { descriptions } = options;
  return contractOf(listings, { descriptions });
}
