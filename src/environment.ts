import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';
import { assertProtocolsSupported, parseClientPragma, resolvePlan } from './config/plan';
import type { McpPlan } from './config/specs';
import { assertMcpOptions } from './config/validate';
import { readServers } from './servers/handoff';
import { JestMcpError, McpTeardownError } from './util/errors';
import { loadsAsEsm } from './realm/module-kind';
import { OPENER_KEY, type ClientOpener } from './realm/open-client';
import type { McpClientOptions, McpOptions } from './config/types';
import { type McpSdk, loadSdk, resolveSdkGeneration } from './sdk';
import { SessionOwner } from './session/owner';
import { mcpMatchers } from './expect/matchers';
import { ESM_KEY, EXTRAS_KEY, FINISHED_KEY, ROOT_KEY, SDK_KEY, SESSIONS_KEY, UNCOUNTED_KEY } from './realm/keys';
import { createSnapshotSerializer } from './expect/serializer';
import { TestSessions } from './session/per-test';
import { traceMark } from './session/trace';
import { OPTIONS_PRAGMA, mergeOptions, parseOptionsPragma } from './config/file-options';
import { FileTempDir, TMPDIR_VAR, fileEnv } from './session/file-dir';
import { FileSessions } from './session/file-sessions';
import { exitPromptlyWhenDone } from './process/prompt-exit';
import { scrubTestEvent } from './util/scrub-errors';
import { attachListings, sourceWantsListings } from './session/listings';
import { readSource } from './util/read-source';
import { coverageForFile } from './coverage/for-file';
import type { CoverageRecorder } from './coverage/recorder';
import { AuthServerBridge } from './authserver/bridge';
import { OAUTH_BRIDGE_KEY } from './authserver/bridge-key';
import { authServerVariables, readAuthServers } from './authserver/handoff';

/** Node's own Symbol.asyncDispose, for test realms that lack one (vm contexts on Node 20). */
const ASYNC_DISPOSE_KEY = Symbol.for('jest-mcp.asyncDispose');

/**
 * Jest prints an environment's error as its message, then the further lines of its stack as if
 * they were frames: a multi-line message of ours (a config error, a client that did not open or
 * close) would show twice. (A global setup prints the stack alone: it keeps its full stack.)
 */
function printedOnce(error: unknown): unknown {
  if (error instanceof JestMcpError) error.stack = `${error.name}: ${error.message.split('\n')[0]}`;
  return error;
}

/**
 * Jest's `node` environment plus the MCP sessions of one test file. It only wires the parts:
 * the plan comes from config, the sessions from the owner, and the bridge (in the test realm)
 * turns them into `mcpClients`. setup() opens, teardown() closes: one owner for each lifetime.
 */
class McpEnvironment extends NodeEnvironment {
  private readonly plan: McpPlan | Error;
  /** Set once they are valid: openMcpClient() plans from them. */
  private options?: McpOptions;
  private readonly rootDir: string;
  private owner?: FileSessions;
  private perTest?: TestSessions;
  /** Sessions a test opened itself (openMcpClient), newest last. */
  private readonly testOwners = new Set<SessionOwner>();
  private setupFailed = false;
  /** Where the running test's part of the MCP exchange starts. */
  private testMark = 0;
  private readonly tmpdir = new FileTempDir();
  /** Under `-t`, the file's own sessions wait for its tests to be collected (see FileSessions). */
  private readonly deferred: boolean;
  /** The file reads `mcpClients.x.listed` when it is collected. */
  private readonly wantsListings: boolean;
  /** Set when the run has jest-mcp/reporter: what this file's clients exercised and their servers list. */
  private readonly coverage?: CoverageRecorder;
  /** Authorization servers the file's tests start (jest-mcp/oauth), and the run's tokens they mint. */
  private readonly authServers = new AuthServerBridge();

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    exitPromptlyWhenDone();
    const { projectConfig } = config;
    const global = this.global as Record<string | symbol, unknown>;
    const raw = projectConfig.testEnvironmentOptions.mcp;
    this.rootDir = projectConfig.rootDir;
    // Jest copies every testEnvironmentOptions key onto the test's global; `mcp` is ours only.
    delete global.mcp;
    global[ASYNC_DISPOSE_KEY] = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    global[ROOT_KEY] = this.rootDir;
    global[OAUTH_BRIDGE_KEY] = this.authServers.api;
    global[ESM_KEY] = loadsAsEsm(context.testPath, projectConfig.extensionsToTreatAsEsm);
    this.wantsListings = sourceWantsListings(readSource(context.testPath));
    // Lists read at collection need open sessions then: such a file does not wait for `-t`.
    this.deferred = Boolean(config.globalConfig.testNamePattern) && !this.wantsListings;
    this.coverage = coverageForFile(
      context.testPath,
      () => (this.plan instanceof Error ? undefined : this.plan.redactor),
      () => Boolean(global[UNCOUNTED_KEY]),
    );
    (global.process as NodeJS.Process).env[TMPDIR_VAR] = this.tmpdir.path;
    try {
      const override = parseOptionsPragma(context.docblockPragmas[OPTIONS_PRAGMA]);
      const base = raw === undefined ? {} : raw;
      // A malformed config is reported as it is, not hidden under the file's changes.
      const options = override && typeof base === 'object' && base !== null && !Array.isArray(base) ? mergeOptions(base, override) : base;
      assertMcpOptions(options);
      this.options = options;
      this.plan = resolvePlan(options, {
        rootDir: this.rootDir,
        selected: parseClientPragma(context.docblockPragmas['mcp-clients']),
        servers: readServers(),
        env: this.fileEnv(),
        visible: this.visibleValues(),
      });
    } catch (error) {
      // Reported from setup(), where Jest fails just this file with it.
      this.plan = error as Error;
    }
    // Made here, in Node's realm, where their modules load once per worker, rather than evaluated
    // again in every test file's realm: they compare no prototypes, so they work on the test
    // realm's values as they are.
    global[EXTRAS_KEY] = {
      matchers: mcpMatchers,
      serializer:
        this.plan instanceof Error ? createSnapshotSerializer() : createSnapshotSerializer(this.plan.snapshot, this.plan.redactor),
    };
  }

  override async setup(): Promise<void> {
    await super.setup();
    try {
      if (this.plan instanceof Error) throw this.plan;
      const { clients, redactor } = this.plan;
      if (clients.length) assertProtocolsSupported(clients, this.sdk().generation);
      this.tmpdir.create();
      const fileClients = clients.filter((c) => c.session === 'file');
      this.owner = new FileSessions(fileClients, redactor, this.ownerOptions(), this.deferred);
      await this.owner.openFile();
      const fileEntries = this.owner.entries();
      if (this.wantsListings) await attachListings(fileEntries, (name) => fileClients.find((c) => c.name === name)!.timeouts.connect);
      // Coverage takes the lists fetched here instead of asking the server again at teardown.
      this.coverage?.known(fileClients, fileEntries);
      this.perTest = new TestSessions(
        clients.filter((c) => c.session === 'test'),
        redactor,
        this.ownerOptions(),
      );
      const open = [...fileEntries, ...this.perTest.slots];
      const global = this.global as Record<symbol, unknown>;
      // Declaration order, whichever kind of session each client has.
      global[SESSIONS_KEY] = clients.map((c) => open.find((o) => o.name === c.name)!);
      global[OPENER_KEY] = this.openForTest;
    } catch (error) {
      this.setupFailed = true;
      throw printedOnce(error);
    }
  }

  /** Backs openMcpClient(): a session of its own, closed by the test or, at the latest, by teardown. */
  private readonly openForTest: ClientOpener = async (target: string | McpClientOptions) => {
    const name = typeof target === 'string' ? target : 'inline';
    // An inline client comes from test code, unchecked: it is validated like the config's own.
    const options: unknown = typeof target === 'string' ? this.options : { ...this.options, clients: { [name]: target } };
    assertMcpOptions(options);
    const plan = resolvePlan(options, {
      rootDir: this.rootDir,
      selected: [name],
      servers: readServers(),
      env: this.fileEnv(),
      visible: this.visibleValues(),
    });
    assertProtocolsSupported(plan.clients, this.sdk().generation);
    // Its secrets are scrubbed from this file's test errors and snapshots like the config's.
    if (!(this.plan instanceof Error)) this.plan.redactor.addAll(plan.redactor);
    const owner = new SessionOwner(plan.redactor, this.ownerOptions());
    await owner.openAll(plan.clients);
    this.testOwners.add(owner);
    let closing: Promise<void> | undefined;
    return {
      ...owner.entries()[0],
      close: () => (closing ??= owner.closeAll().finally(() => this.testOwners.delete(owner))),
    };
  };

  /** `${VAR}` for this file: the environment plus its own variables. */
  private fileEnv(): NodeJS.ProcessEnv {
    return fileEnv({ ...authServerVariables(readAuthServers()), [TMPDIR_VAR]: this.tmpdir.path });
  }

  /** Values of `${…}` that are no secrets: the file's temp dir, the run's authorization servers' URLs. */
  private visibleValues(): string[] {
    return [this.tmpdir.path, ...Object.values(authServerVariables(readAuthServers()))];
  }

  private ownerOptions() {
    return { trace: this.tracesEnabled(), rootDir: this.rootDir, sdk: () => this.sdk(), coverage: this.coverage };
  }

  private loadedSdk?: McpSdk;

  /** Found when the first client opens: a file without clients needs no SDK installed. */
  private sdk(): McpSdk {
    if (!this.loadedSdk) {
      const choice = this.options?.sdk;
      this.loadedSdk = loadSdk(resolveSdkGeneration(this.rootDir, choice));
      (this.global as Record<symbol, unknown>)[SDK_KEY] = this.loadedSdk.generation;
    }
    return this.loadedSdk;
  }

  private tracesEnabled(): boolean {
    return !(this.plan instanceof Error) && this.plan.traces;
  }

  /**
   * Adds the MCP exchange of a failing test to its report. Must never throw: an error here fails
   * the whole file (jest #9797).
   */
  async handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent, state: Circus.State): Promise<void> {
    const base = (NodeEnvironment.prototype as { handleTestEvent?: McpEnvironment['handleTestEvent'] }).handleTestEvent;
    await base?.call(this, event, state);
    scrubTestEvent(event, state, this.plan instanceof Error ? undefined : this.plan.redactor);
    if (event.name === 'run_start' && this.deferred) {
      await this.owner?.openPending(state).catch((error: Error) => {
        // Thrown from run_start, it fails the file the way a failed setup() does.
        this.setupFailed = true;
        throw printedOnce(error);
      });
    } else if (event.name === 'run_finish') {
      // Requests still in flight now outlived their tests; the bridge leaves their errors alone.
      (this.global as Record<symbol, unknown>)[FINISHED_KEY] = true;
    } else if (event.name === 'test_start') {
      this.testMark = traceMark();
    } else if (event.name === 'test_started' && this.perTest?.active) {
      // A failure here becomes the test's error: circus then runs neither its hooks nor the test.
      await this.perTest.open().catch((error: Error) => event.test.errors.push(error));
    }
    if (event.name !== 'test_done') return;
    if (event.test.errors.length > 0 && this.tracesEnabled()) {
      try {
        // Let output already on its way (stderr and stdout are separate pipes) arrive first.
        await new Promise((resolve) => setImmediate(resolve));
        const traces = [this.owner, this.perTest, ...this.testOwners].map((o) => o?.traceSince(this.testMark)).filter(Boolean);
        if (traces.length) {
          const report = new Error('MCP exchange during this test');
          // The report shows `stack`; a trace has no call sites worth showing.
          report.stack = `MCP exchange during this test (→ sent, ← received):\n${traces.join('\n')}`;
          event.test.errors.push(report);
        }
      } catch {
        // A missing trace is better than a failed file.
      }
    }
    await this.perTest?.close().catch((error: Error) => event.test.errors.push(error));
  }

  override async teardown(): Promise<void> {
    try {
      // Close while our references are intact: Jest 30 cleans the realm's globals in super.teardown().
      // Sessions a test opened and left open were opened last: they close first.
      const problems: Error[] = [];
      await this.perTest?.close().catch((error: Error) => problems.push(error));
      for (const owner of [...this.testOwners].reverse()) {
        await owner.closeAll().catch((error: Error) => problems.push(error));
      }
      this.testOwners.clear();
      await this.owner?.closeAll().catch((error: Error) => problems.push(error));
      // After the sessions: a client may still have been talking to a server that trusts it.
      await this.authServers.closeAll().catch((error: Error) => problems.push(error));
      this.coverage?.save();
      try {
        this.tmpdir.remove();
      } catch (error) {
        problems.push(
          new McpTeardownError(
            `jest-mcp: could not remove this file's ${TMPDIR_VAR} (${this.tmpdir.path}): ${(error as Error).message}`,
            [],
          ),
        );
      }
      if (problems.length === 1) throw printedOnce(problems[0]);
      if (problems.length) {
        const clients = problems.flatMap((p) => (p instanceof McpTeardownError ? p.clients : []));
        throw printedOnce(new McpTeardownError(problems.map((p) => p.message).join('\n'), clients));
      }
    } catch (error) {
      // Jest shows only the teardown error when both throw; the setup error is the one that matters.
      if (!this.setupFailed) throw error;
    } finally {
      await super.teardown();
    }
  }
}

// `export =`: Jest, `require()` and ESM `import` all get the class itself, not `{ default }`.
export = McpEnvironment;
