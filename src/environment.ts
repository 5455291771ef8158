import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import NodeEnvironment from 'jest-environment-node';
import { SESSIONS_KEY } from './bridge';
import { type McpPlan, parseClientPragma, resolvePlan } from './config';
import { SessionOwner } from './session-owner';

/**
 * Jest's `node` environment plus the MCP sessions of one test file. It only wires the parts:
 * the plan comes from config, the sessions from the owner, and the bridge (in the test realm)
 * turns them into `mcpClients`. setup() opens, teardown() closes: one owner for each lifetime.
 */
export default class McpEnvironment extends NodeEnvironment {
  private readonly plan: McpPlan | Error;
  private owner?: SessionOwner;
  private setupFailed = false;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const { projectConfig } = config;
    const options = projectConfig.testEnvironmentOptions as Record<string, unknown>;
    // Jest copies every testEnvironmentOptions key onto the test's global; `mcp` is ours only.
    delete (this.global as Record<string, unknown>).mcp;
    try {
      this.plan = resolvePlan(options.mcp, {
        rootDir: projectConfig.rootDir,
        selected: parseClientPragma(context.docblockPragmas['mcp-clients']),
      });
    } catch (error) {
      // Reported from setup(), where Jest fails just this file with it.
      this.plan = error as Error;
    }
  }

  override async setup(): Promise<void> {
    await super.setup();
    try {
      if (this.plan instanceof Error) throw this.plan;
      this.owner = new SessionOwner(this.plan.redactor);
      await this.owner.openAll(this.plan.clients);
      (this.global as Record<symbol, unknown>)[SESSIONS_KEY] = this.owner.entries();
    } catch (error) {
      this.setupFailed = true;
      throw error;
    }
  }

  override async teardown(): Promise<void> {
    try {
      // Close while our references are intact: Jest 30 cleans the realm's globals in super.teardown().
      await this.owner?.closeAll();
    } catch (error) {
      // Jest shows only the teardown error when both throw; the setup error is the one that matters.
      if (!this.setupFailed) throw error;
    } finally {
      await super.teardown();
    }
  }
}
