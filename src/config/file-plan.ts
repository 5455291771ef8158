import type { Redactor } from '../util/redact';
import { OPTIONS_PRAGMA, mergeOptions, parseOptionsPragma } from './file-options';
import { type PlanContext, assertProtocolsSupported, parseClientPragma, resolvePlan } from './plan';
import type { ClientSpec, McpPlan, SnapshotSpec } from './specs';
import type { McpClientOptions, McpOptions } from './types';
import { assertMcpOptions } from './validate';

/** Where a plan resolves `${VAR}` and `server:` from, asked afresh for every plan made. */
export type PlanSource = () => Omit<PlanContext, 'selected'>;

/**
 * One test file's config: its options (the config's, with the file's `@mcp-options`), the clients
 * its `@mcp-clients` pragma selects, or the config error the file fails with. Read when the
 * environment is made; the error is thrown only where the file can fail with it (setup).
 */
export class FilePlan {
  private readonly options?: McpOptions;
  private readonly plan?: McpPlan;
  private readonly error?: Error;

  constructor(raw: unknown, pragmas: Record<string, string | string[]>, source: PlanSource) {
    try {
      const override = parseOptionsPragma(pragmas[OPTIONS_PRAGMA]);
      const base = raw === undefined ? {} : raw;
      // A malformed config is reported as it is, not hidden under the file's changes.
      const options = override && typeof base === 'object' && base !== null && !Array.isArray(base) ? mergeOptions(base, override) : base;
      assertMcpOptions(options);
      this.options = options;
      this.plan = resolvePlan(options, { ...source(), selected: parseClientPragma(pragmas['mcp-clients']) });
    } catch (error) {
      this.error = error as Error;
    }
  }

  /** The SDK generation the config asks for, when it is valid. */
  get sdkChoice(): McpOptions['sdk'] {
    return this.options?.sdk;
  }

  /** Every client the config names, whether this file opens it or not. */
  get configuredNames(): string[] {
    return Object.keys(this.options?.clients ?? {});
  }

  /** Everything that must never be printed; undefined for a config that could not be read. */
  get redactor(): Redactor | undefined {
    return this.plan?.redactor;
  }

  get traces(): boolean {
    return this.plan?.traces ?? false;
  }

  get snapshot(): SnapshotSpec | undefined {
    return this.plan?.snapshot;
  }

  /** The file's clients, checked against the SDK generation; throws the config's error. */
  clients(generation: () => 'v1' | 'v2'): ClientSpec[] {
    if (!this.plan) throw this.error!;
    if (this.plan.clients.length) assertProtocolsSupported(this.plan.clients, generation());
    return this.plan.clients;
  }

  /**
   * The plan of a client a test opens (openMcpClient): one of the config by name, or an inline
   * one, validated like the config's own. Its secrets join this file's.
   */
  forTest(target: string | McpClientOptions, source: PlanSource, generation: () => 'v1' | 'v2'): McpPlan {
    if (!this.options) throw this.error!;
    const name = typeof target === 'string' ? target : 'inline';
    // An inline client comes from test code, unchecked: it is validated like the config's own.
    const options: unknown = typeof target === 'string' ? this.options : { ...this.options, clients: { [name]: target } };
    assertMcpOptions(options);
    const plan = resolvePlan(options, { ...source(), selected: [name] });
    assertProtocolsSupported(plan.clients, generation());
    this.plan!.redactor.addAll(plan.redactor);
    return plan;
  }
}
