import type { Redactor } from '../util/redact';
import { CONTRACT_MARK } from './contract-shape';
import { describeDataUris } from './data-uri';

/**
 * A Jest snapshot serializer for MCP results: the same call gives the same snapshot from run to
 * run. It replaces what changes on every run (session and request ids, progress tokens, `_meta`
 * stamps, timestamps, UUIDs) and anything that looks like a secret (bearer tokens, JWTs, long
 * random strings) with stable placeholders, and every secret value the config holds (`${VAR}`
 * values, secret literals) with `[secret]`, wherever in the value it occurs: keys, text content,
 * `_meta` names. It never changes the value the test holds.
 */

export interface ScrubOptions {
  /** Keys whose values are always replaced, whatever they hold. */
  keys: string[];
  /** Extra patterns (RegExp sources) whose matches inside strings are replaced. */
  patterns: string[];
  /** Replace long random-looking strings (tokens, hashes). */
  tokens: boolean;
}

export const DEFAULT_SCRUB: ScrubOptions = {
  keys: [
    'sessionId',
    'mcp-session-id',
    'Mcp-Session-Id',
    'requestId',
    'progressToken',
    'cursor',
    'nextCursor',
    'etag',
    'authorization',
    'Authorization',
  ],
  patterns: [],
  tokens: true,
};

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
/** `api_key=…`, `password: …`, `x-api-key=…` inside text: the value, whatever it looks like. */
const ASSIGNED =
  /\b((?:x-)?api[-_]?key|access[-_]?key|secret|client[-_]?secret|password|passwd|token|access[-_]?token)(["']?\s*[=:]\s*["']?)([^\s"',;&]{4,})/gi;
const WORDISH = /[A-Za-z0-9_-]{16,}/g;
const MIXED = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s);
/**
 * Tokens, hashes, random ids; not words, numbers or dates: letters and digits mixed in one piece
 * of 16+ characters (`-` and `_` split pieces: `server-everything-2026` is words), or 24+ in all.
 */
function randomLooking(run: string): boolean {
  return (run.length >= 24 && MIXED(run)) || run.split(/[-_]/).some((piece) => piece.length >= 16 && MIXED(piece));
}
/** Keys whose values are credentials whatever they hold. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|(x-)?api[-_]?key|access[-_]?key|(access|refresh|id|bearer)[-_]?token|token|secret|client[-_]?secret|password|passwd)$/i;

function scrubString(text: string, options: ScrubOptions, known?: Redactor): string {
  // Exact values first, in whatever spelling, before any shape rule cuts them into pieces.
  let out = known ? known.redactKnown(text, '[secret]') : text;
  out = describeDataUris(out)
    .replace(BEARER, '$1 [token]')
    .replace(JWT, '[token]')
    .replace(ASSIGNED, '$1$2[token]')
    .replace(ISO_TIME, '[timestamp]')
    .replace(UUID, '[uuid]');
  for (const source of options.patterns) out = out.replace(new RegExp(source, 'g'), '[scrubbed]');
  if (options.tokens) out = out.replace(WORDISH, (run) => (randomLooking(run) ? '[token]' : run));
  return out;
}

/** The MCP shapes this serializer claims; anything else is left to Jest. */
function isMcpValue(value: Record<string, unknown>): boolean {
  return [
    'content',
    'structuredContent',
    'tools',
    'resources',
    'resourceTemplates',
    'prompts',
    'contents',
    'messages',
    'completion',
    'protocolVersion',
    'serverInfo',
    '_meta',
  ].some((key) => key in value);
}

const produced = new WeakSet<object>();

/**
 * What the 2026-07-28 protocol adds to a result and 2025 does not: cache hints and the server's
 * identity in `_meta`. Dropped from a result's top level, so one snapshot fits both eras.
 */
const ERA_RESULT_KEYS = ['ttlMs', 'cacheScope', 'resultType'];
const ERA_META_KEYS = ['io.modelcontextprotocol/serverInfo', 'io.modelcontextprotocol/protocolVersion'];

function withoutEraEnvelope(result: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) {
    if (ERA_RESULT_KEYS.includes(k)) continue;
    if (k === '_meta' && typeof v === 'object' && v !== null) {
      const rest = Object.entries(v).filter(([name]) => !ERA_META_KEYS.includes(name));
      if (rest.length) out[k] = Object.fromEntries(rest);
      continue;
    }
    out[k] = v;
  }
  return out;
}

const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@\s/]+@/;

/**
 * An icon's https URL as it is, so a snapshot shows which picture: only known secrets, a URL
 * password, and query values (where signatures sit) go through the usual rules. A path piece
 * such as a content hash (`icon.3f9a…png`) is not a secret.
 */
function scrubIconSrc(src: string, options: ScrubOptions, known?: Redactor): string {
  const text = (known ? known.redactKnown(src, '[secret]') : src).replace(URL_PASSWORD, '$1[secret]@');
  if (!/^https?:\/\//i.test(text)) return scrubString(text, options, known);
  const query = text.search(/[?#]/);
  return query < 0 ? text : text.slice(0, query) + scrubString(text.slice(query), options, known);
}

function scrubIcons(icons: unknown[], options: ScrubOptions, known?: Redactor, byKey = true): unknown[] {
  const copy = icons.map((icon) => {
    if (typeof icon !== 'object' || icon === null || Array.isArray(icon)) return scrub(icon, options, undefined, known, byKey);
    const out = scrub(icon, options, undefined, known, byKey) as Record<string, unknown>;
    const src = (icon as { src?: unknown }).src;
    if (typeof src === 'string') out.src = scrubIconSrc(src, options, known);
    return out;
  });
  produced.add(copy);
  return copy;
}

/** `byKey`: false inside a contract, whose keys are names the server chose, not session fields. */
function scrub(value: unknown, options: ScrubOptions, key?: string, known?: Redactor, byKey = true): unknown {
  if (byKey && key !== undefined && (options.keys.includes(key) || SECRET_KEY.test(key)) && value !== undefined && value !== null)
    return '[scrubbed]';
  if (typeof value === 'string') return scrubString(value, options, known);
  if (key === 'icons' && Array.isArray(value)) return scrubIcons(value, options, known, byKey);
  if (typeof value !== 'object' || value === null) return value;
  if (key === '_meta') {
    // Stamps the server adds; keep their names (they document the protocol), not their values.
    const meta: Record<string, unknown> = {};
    for (const name of Object.keys(value)) meta[known ? known.redactKnown(name, '[secret]') : name] = '[meta]';
    produced.add(meta);
    return meta;
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  // A tool's schemas name its arguments (`cursor`, `password`): names, not values, so not by key.
  const inner = byKey && key !== 'inputSchema' && key !== 'outputSchema';
  for (const [k, v] of Object.entries(value)) {
    const name = known && !Array.isArray(value) ? known.redactKnown(k, '[secret]') : k;
    (copy as Record<string, unknown>)[name] = scrub(v, options, Array.isArray(value) ? undefined : k, known, inner);
  }
  produced.add(copy);
  return copy;
}

type Printer = (value: unknown, config: unknown, indentation: string, depth: number, refs: unknown[]) => string;

export interface McpSnapshotSerializer {
  test(value: unknown): boolean;
  serialize(value: unknown, config: unknown, indentation: string, depth: number, refs: unknown[], printer: Printer): string;
}

/**
 * The serializer for a project's `mcp.snapshot` options (undefined: the defaults), or undefined
 * when they turn it off. It keeps no reference to any realm: the environment makes one per file
 * and the test realm uses it as is.
 */
export function createSnapshotSerializer(configured?: false | Partial<ScrubOptions>, known?: Redactor): McpSnapshotSerializer | undefined {
  if (configured === false) return undefined;
  const options: ScrubOptions = {
    ...DEFAULT_SCRUB,
    ...configured,
    keys: [...DEFAULT_SCRUB.keys, ...(configured?.keys ?? [])],
  };
  return {
    test(value: unknown): boolean {
      // A string that holds a secret, wherever it sits in whatever a test snapshots.
      if (typeof value === 'string') return known !== undefined && known.redactKnown(value) !== value;
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        !produced.has(value) &&
        isMcpValue(value as Record<string, unknown>)
      );
    },
    serialize(value, config, indentation, depth, refs, printer) {
      if (typeof value === 'string') return printer(known!.redactKnown(value, '[secret]'), config, indentation, depth, refs);
      const byKey = !(value as Record<symbol, unknown>)[CONTRACT_MARK];
      return printer(
        scrub(withoutEraEnvelope(value as Record<string, unknown>), options, undefined, known, byKey),
        config,
        indentation,
        depth,
        refs,
      );
    },
  };
}

export { scrub as scrubForSnapshot };
