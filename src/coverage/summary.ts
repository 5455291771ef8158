import type { FileRecord } from './handoff';
import { matchesTemplate } from './uri-template';

/**
 * The coverage summary: per client (or `mcp.servers` server), what the server listed against what
 * the suite exercised. Built from the workers' records of one run, or merged from the summaries
 * of several (the shards of a CI run): both go through the same raw sets, so a merge computes
 * exactly what one unsharded run would have.
 */

export const SUMMARY_VERSION = 1;

export interface Part {
  /**
   * Everything listed that counts: tool or prompt names; URI templates, and the listed resource
   * URIs none of them makes.
   */
  total: number;
  covered: number;
  /** covered / total × 100, rounded to 2 decimals; null when the server listed nothing of the kind. */
  percent: number | null;
  /** Listed and never exercised. */
  missed: string[];
}

export interface TargetSummary {
  kind: 'client' | 'server';
  clients: string[];
  tools: Part & { listed: string[]; called: string[] };
  resources: Part & {
    listed: string[];
    templates: string[];
    /** Every URI read, listed or not, matching a template or not. */
    read: string[];
    /** The listed templates some read URI matched. */
    templatesRead: string[];
  };
  prompts: Part & { listed: string[]; got: string[] };
  /** Whether any test file listed this server; without a listing nothing is known to be missed. */
  listed: boolean;
  /** Lists that could not be read whole, and why. */
  listErrors?: string[];
}

export interface CoverageSummary {
  jestMcpCoverage: typeof SUMMARY_VERSION;
  /** `1/3` for a run with --shard=1/3: a part of the suite, whose figures say little on their own. */
  shard?: string;
  /** The shards (or runs) this summary was merged from, when it was. */
  mergedFrom?: number;
  clients: Record<string, TargetSummary>;
}

interface Raw {
  kind: 'client' | 'server';
  clients: Set<string>;
  listed: boolean;
  tools: Set<string>;
  resources: Set<string>;
  templates: Set<string>;
  prompts: Set<string>;
  called: Set<string>;
  read: Set<string>;
  got: Set<string>;
  listErrors: Set<string>;
}

function rawFor(all: Map<string, Raw>, key: string, kind: Raw['kind']): Raw {
  let raw = all.get(key);
  if (!raw) {
    raw = {
      kind,
      clients: new Set(),
      listed: false,
      ...{ tools: new Set(), resources: new Set(), templates: new Set(), prompts: new Set() },
      ...{ called: new Set(), read: new Set(), got: new Set(), listErrors: new Set() },
    };
    all.set(key, raw);
  }
  return raw;
}

function addAll(into: Set<string>, values: Iterable<string> | undefined): void {
  for (const v of values ?? []) into.add(v);
}

const sorted = (values: Iterable<string>) => [...values].sort();

function part(listed: string[], isCovered: (item: string) => boolean): Part {
  const missed = listed.filter((item) => !isCovered(item));
  const covered = listed.length - missed.length;
  const percent = listed.length ? Math.round((covered / listed.length) * 10_000) / 100 : null;
  return { total: listed.length, covered, percent, missed };
}

function summarize(raw: Raw): TargetSummary {
  const tools = sorted(raw.tools);
  const resources = sorted(raw.resources);
  const templates = sorted(raw.templates);
  const prompts = sorted(raw.prompts);
  const read = sorted(raw.read);
  const templatesRead = templates.filter((t) => read.some((uri) => matchesTemplate(uri, t)));
  // A listed URI that a listed template makes (`notes://4` of `notes://{id}`) is an instance of it,
  // often data the tests themselves created: the template is what counts, once.
  const concrete = resources.filter((uri) => !templates.some((t) => matchesTemplate(uri, t)));
  const resourcePart = part([...concrete, ...templates], (item) => raw.read.has(item) || templatesRead.includes(item));
  return {
    kind: raw.kind,
    clients: sorted(raw.clients),
    tools: { listed: tools, called: sorted(raw.called), ...part(tools, (t) => raw.called.has(t)) },
    resources: { listed: resources, templates, read, templatesRead, ...resourcePart },
    prompts: { listed: prompts, got: sorted(raw.got), ...part(prompts, (p) => raw.got.has(p)) },
    listed: raw.listed,
    ...(raw.listErrors.size ? { listErrors: sorted(raw.listErrors) } : {}),
  };
}

function finish(all: Map<string, Raw>): Record<string, TargetSummary> {
  const out: Record<string, TargetSummary> = {};
  for (const key of sorted(all.keys())) out[key] = summarize(all.get(key)!);
  return out;
}

/** One run's summary from its test files' records. */
export function summaryOf(records: FileRecord[], shard?: string): CoverageSummary {
  const all = new Map<string, Raw>();
  for (const record of records) {
    for (const t of record.targets) {
      const raw = rawFor(all, t.key, t.kind);
      addAll(raw.clients, t.clients);
      addAll(raw.called, t.called);
      addAll(raw.read, t.read);
      addAll(raw.got, t.got);
      addAll(raw.listErrors, t.listErrors);
      if (t.listed) {
        raw.listed = true;
        addAll(raw.tools, t.listed.tools);
        addAll(raw.resources, t.listed.resources);
        addAll(raw.templates, t.listed.templates);
        addAll(raw.prompts, t.listed.prompts);
      }
    }
  }
  return { jestMcpCoverage: SUMMARY_VERSION, ...(shard ? { shard } : {}), clients: finish(all) };
}

/** Throws a clear error for anything that is not a summary this version wrote. */
export function assertSummary(value: unknown, source: string): asserts value is CoverageSummary {
  const v = value as Partial<CoverageSummary> | null;
  if (typeof v !== 'object' || v === null || v.jestMcpCoverage !== SUMMARY_VERSION || typeof v.clients !== 'object' || v.clients === null) {
    throw new Error(
      `${source} is not a jest-mcp coverage summary (version ${SUMMARY_VERSION}): write it with the reporter's outputFile option.`,
    );
  }
}

/** Several summaries (the shards of one suite) as one: listed and exercised are united, figures recomputed. */
export function mergeSummaries(summaries: CoverageSummary[]): CoverageSummary {
  const all = new Map<string, Raw>();
  for (const summary of summaries) {
    for (const [key, t] of Object.entries(summary.clients)) {
      const raw = rawFor(all, key, t.kind);
      addAll(raw.clients, t.clients);
      addAll(raw.called, t.tools.called);
      addAll(raw.read, t.resources.read);
      addAll(raw.got, t.prompts.got);
      addAll(raw.listErrors, t.listErrors);
      raw.listed ||= t.listed;
      addAll(raw.tools, t.tools.listed);
      addAll(raw.resources, t.resources.listed);
      addAll(raw.templates, t.resources.templates);
      addAll(raw.prompts, t.prompts.listed);
    }
  }
  return { jestMcpCoverage: SUMMARY_VERSION, mergedFrom: summaries.length, clients: finish(all) };
}
