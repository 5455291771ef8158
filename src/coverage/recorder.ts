import type { ClientSpec } from '../config/specs';
import type { WireMessage } from '../sdk';
import { type McpListings, fetchListings } from '../session/listings';
import type { Redactor } from '../util/redact';
import { type TargetRecord, writeRecord } from './handoff';

/**
 * The worker's side of MCP coverage, one per test file: what each client sent (read off the wire,
 * so sessions a test opened itself and per-test sessions count, and a call that failed counts as
 * exercised: the suite did call it), and what the server listed, asked once before a session
 * closes. Only exists when the reporter announced a directory for this run.
 */

const EXERCISED: Record<string, 'called' | 'read' | 'got'> = {
  'tools/call': 'called',
  'resources/read': 'read',
  'prompts/get': 'got',
};

/** A listing takes a few requests: one per worker and connection is enough (the same server lists the same). */
const listedHere = new Set<string>();

/** Listing before close gets at most this long per request, whatever the connect timeout. */
const MAX_LIST_MS = 5000;

interface Target {
  record: Omit<TargetRecord, 'called' | 'read' | 'got'>;
  called: Set<string>;
  read: Set<string>;
  got: Set<string>;
}

export function targetOf(spec: ClientSpec): { key: string; kind: 'client' | 'server' } {
  return (spec.kind === 'streamable-http' || spec.kind === 'sse') && spec.server
    ? { key: `servers.${spec.server.name}`, kind: 'server' }
    : { key: spec.name, kind: 'client' };
}

/** Who the server is and who asks it: the same for two sessions means the same lists. */
function connectionOf(spec: ClientSpec): string {
  const who =
    spec.kind === 'stdio'
      ? [spec.command, spec.args, spec.env, spec.cwd]
      : spec.kind === 'in-process'
        ? [spec.module, spec.export ?? null]
        : [spec.url, spec.headers, spec.auth ?? null];
  return JSON.stringify([spec.name, spec.protocol ?? null, who]);
}

export class CoverageRecorder {
  private readonly targets = new Map<string, Target>();

  constructor(
    private readonly dir: string,
    private readonly file: string,
    /** The file's redactor as it is when the record is written (openMcpClient adds to it). */
    private readonly redactor: () => Redactor | undefined,
    /** True while requests that are no test run (the conformance suite's probes). */
    private readonly uncounted: () => boolean = () => false,
  ) {}

  private target(spec: ClientSpec): Target {
    const { key, kind } = targetOf(spec);
    let target = this.targets.get(key);
    if (!target) {
      target = { record: { key, kind, clients: [] }, called: new Set(), read: new Set(), got: new Set() };
      this.targets.set(key, target);
    }
    if (!target.record.clients.includes(spec.name)) target.record.clients.push(spec.name);
    return target;
  }

  opened(spec: ClientSpec): void {
    this.target(spec);
  }

  /** Every message the client sends. */
  sent(spec: ClientSpec, message: WireMessage): void {
    const field = message.method === undefined ? undefined : EXERCISED[message.method];
    if (!field || this.uncounted()) return;
    const value = field === 'read' ? message.params?.uri : message.params?.name;
    if (typeof value === 'string') this.target(spec)[field].add(value);
  }

  /** Lists this file fetched at setup (`mcpClients.x.listed`): the listing before close is not asked again. */
  known(specs: ClientSpec[], entries: Array<{ name: string; listed?: McpListings }>): void {
    for (const { name, listed } of entries) {
      const spec = specs.find((s) => s.name === name);
      if (spec && listed && this.firstListing(spec)) this.take(spec, listed);
    }
  }

  /** Before a session closes: what its server lists, unless this worker listed it already. Never throws. */
  async list(spec: ClientSpec, client: unknown): Promise<void> {
    if (!this.firstListing(spec)) return;
    try {
      this.take(spec, await fetchListings(client, Math.min(spec.timeouts.connect, MAX_LIST_MS)));
    } catch (error) {
      (this.target(spec).record.listErrors ??= []).push(`${spec.name}: could not list: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private firstListing(spec: ClientSpec): boolean {
    const id = `${this.dir}\0${connectionOf(spec)}`;
    if (listedHere.has(id)) return false;
    listedHere.add(id);
    return true;
  }

  private take(spec: ClientSpec, listings: McpListings): void {
    const target = this.target(spec);
    const listed = (target.record.listed ??= { tools: [], resources: [], templates: [], prompts: [] });
    listed.tools.push(...listings.tools.map((t) => t.name));
    listed.resources.push(...listings.resources.map((r) => r.uri));
    listed.templates.push(...listings.resourceTemplates.map((t) => t.uriTemplate));
    listed.prompts.push(...listings.prompts.map((p) => p.name));
    const errors = Object.values(listings.errors).filter((e): e is string => Boolean(e));
    if (errors.length) (target.record.listErrors ??= []).push(...errors.map((e) => `${spec.name}: ${e}`));
  }

  /** At teardown: hands this file's record to the reporter; a file that opened no client writes nothing. */
  save(): void {
    if (!this.targets.size) return;
    const redactor = this.redactor();
    const clean = (values: Iterable<string>) => [...values].map((v) => (redactor ? redactor.redact(v) : v));
    const targets: TargetRecord[] = [...this.targets.values()].map(({ record, called, read, got }) => ({
      ...record,
      listed: record.listed && {
        tools: clean(record.listed.tools),
        resources: clean(record.listed.resources),
        templates: clean(record.listed.templates),
        prompts: clean(record.listed.prompts),
      },
      listErrors: record.listErrors && clean(record.listErrors),
      called: clean(called),
      read: clean(read),
      got: clean(got),
    }));
    try {
      writeRecord(this.dir, { file: this.file, targets });
    } catch {
      // The run's directory is gone (the reporter finished, or was removed): nobody is reading.
    }
  }
}
