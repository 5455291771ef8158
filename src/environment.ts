import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';
import { FilePlan, type PlanSource } from './config/file-plan';
import { filePlanSource } from './config/plan-source';
import { MATRIX_OPTION } from './config/protocol-matrix';
import { JestMcpError, McpTeardownError } from './util/errors';
import { closeEach, forFileResult } from './session/file-close';
import { loadsAsEsm } from './realm/module-kind';
import { OPENER_KEY, type ClientOpener } from './realm/open-client';
import type { McpClientOptions } from './config/types';
import { type McpSdk, type RealmLoader, loadSdk, resolveSdkGeneration } from './sdk';
import type { SessionOwner } from './session/owner';
import { openTestClient } from './session/test-client';
import { mcpMatchers } from './expect/matchers';
import {
  CONFIGURED_KEY,
  ESM_KEY,
  EXTRAS_KEY,
  RESETS_KEY,
  FINISHED_KEY,
  REALM_LOADER_KEY,
  ROOT_KEY,
  SDK_KEY,
  SESSIONS_KEY,
  UNCOUNTED_KEY,
} from './realm/keys';
import { createSnapshotSerializer } from './expect/serializer';
import { TestSessions } from './session/per-test';
import { traceMark } from './session/trace';
import { FileTempDir, TMPDIR_VAR } from './session/file-dir';
import { FileSessions } from './session/file-sessions';
import { exitPromptlyWhenDone } from './process/prompt-exit';
import { scrubTestEvent } from './util/scrub-errors';
import { attachListings, sourceWantsConformance, sourceWantsListings } from './session/listings';
import { attachAuthProbes } from './session/http-target';
import { readSource } from './util/read-source';
import { coverageForFile } from './coverage/for-file';
import type { CoverageRecorder } from './coverage/recorder';
import { AuthServerBridge } from './authserver/bridge';
import { OAUTH_BRIDGE_KEY } from './authserver/bridge-key';
import { ASYNC_DISPOSE_KEY } from './channels/keys';
import { serverCoverageFile } from './server-coverage/spawn-env';

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
  private readonly plan: FilePlan;
  private readonly rootDir: string;
  /** The protocol withProtocolMatrix set for this project, if it did. */
  private readonly matrix?: string;
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
  /** The file runs the conformance suite: an HTTP server's auth is probed at setup too. */
  private readonly wantsConformance: boolean;
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
    // Jest copies every testEnvironmentOptions key onto the test's global; these are ours only.
    delete global.mcp;
    delete global[MATRIX_OPTION];
    const matrix = projectConfig.testEnvironmentOptions[MATRIX_OPTION];
    this.matrix = typeof matrix === 'string' ? matrix : undefined;
    global[ASYNC_DISPOSE_KEY] = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    global[ROOT_KEY] = this.rootDir;
    global[OAUTH_BRIDGE_KEY] = this.authServers.api;
    global[ESM_KEY] = loadsAsEsm(context.testPath, projectConfig.extensionsToTreatAsEsm);
    // Under --coverage, the stdio servers this file starts leave their coverage where its result finds it.
    serverCoverageFile(context.testPath);
    const source = readSource(context.testPath);
    this.wantsListings = sourceWantsListings(source);
    this.wantsConformance = sourceWantsConformance(source);
    global[RESETS_KEY] = /\b(resetModules|isolateModules(Async)?)\b/.test(source);
    // Lists read at collection need open sessions then: such a file does not wait for `-t`.
    this.deferred = Boolean(config.globalConfig.testNamePattern) && !this.wantsListings;
    this.coverage = coverageForFile(
      context.testPath,
      () => this.plan.redactor,
      () => Boolean(global[UNCOUNTED_KEY]),
    );
    (global.process as NodeJS.Process).env[TMPDIR_VAR] = this.tmpdir.path;
    // A config error is reported from setup(), where Jest fails just this file with it.
    this.plan = new FilePlan(raw, context.docblockPragmas, this.planSource);
    // Made here, in Node's realm, where their modules load once per worker, rather than evaluated
    // again in every test file's realm: they compare no prototypes, so they work on the test
    // realm's values as they are.
    global[EXTRAS_KEY] = { matchers: mcpMatchers, serializer: createSnapshotSerializer(this.plan.snapshot, this.plan.redactor) };
  }

  override async setup(): Promise<void> {
    await super.setup();
    try {
      const clients = this.plan.clients(() => this.sdk().generation);
      const redactor = this.plan.redactor!;
      this.tmpdir.create();
      const fileClients = clients.filter((c) => c.session === 'file');
      this.owner = new FileSessions(fileClients, redactor, this.ownerOptions(), this.deferred);
      await this.owner.openFile();
      const entries = this.owner.entries();
      // In-process clients open at run_start: nothing to list or probe of them yet.
      const fileEntries = this.owner.openOnly(entries);
      const connectTimeout = (name: string) => fileClients.find((c) => c.name === name)!.timeouts.connect;
      if (this.wantsListings) await attachListings(fileEntries, connectTimeout);
      if (this.wantsConformance) await attachAuthProbes(fileEntries, connectTimeout);
      // Coverage takes the lists fetched here instead of asking the server again at teardown.
      this.coverage?.known(fileClients, fileEntries);
      this.perTest = new TestSessions(
        clients.filter((c) => c.session === 'test'),
        redactor,
        this.ownerOptions(),
      );
      const open = [...entries, ...this.perTest.slots];
      const global = this.global as Record<symbol, unknown>;
      // Declaration order, whichever kind of session each client has.
      global[SESSIONS_KEY] = clients.map((c) => open.find((o) => o.name === c.name)!);
      global[CONFIGURED_KEY] = this.plan.configuredNames;
      global[OPENER_KEY] = this.openForTest;
    } catch (error) {
      this.setupFailed = true;
      throw printedOnce(error);
    }
  }

  /** Backs openMcpClient(): a session of its own, closed by the test or, at the latest, by teardown. */
  private readonly openForTest: ClientOpener = async (target: string | McpClientOptions) => {
    const plan = this.plan.forTest(target, this.planSource, () => this.sdk().generation);
    return openTestClient(plan, this.ownerOptions(), this.testOwners);
  };

  /** `${VAR}` for this file (the environment, its own variables, the run's authorization servers) and the run's servers. */
  private readonly planSource: PlanSource = () => filePlanSource(this.rootDir, { [TMPDIR_VAR]: this.tmpdir.path }, this.matrix)();

  private ownerOptions() {
    return { trace: this.plan.traces, rootDir: this.rootDir, sdk: () => this.sdk(), coverage: this.coverage, realm: this.realmLoader };
  }

  /** The file's own module registry, left on the test's global by the preset's setup file. */
  private readonly realmLoader = () => (this.global as Record<symbol, (() => RealmLoader) | undefined>)[REALM_LOADER_KEY]?.();

  private loadedSdk?: McpSdk;

  /** Found when the first client opens: a file without clients needs no SDK installed. */
  private sdk(): McpSdk {
    if (!this.loadedSdk) {
      this.loadedSdk = loadSdk(resolveSdkGeneration(this.rootDir, this.plan.sdkChoice));
      (this.global as Record<symbol, unknown>)[SDK_KEY] = this.loadedSdk.generation;
    }
    return this.loadedSdk;
  }

  /**
   * Adds the MCP exchange of a failing test to its report. Must never throw: an error here fails
   * the whole file (jest #9797).
   */
  async handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent, state: Circus.State): Promise<void> {
    const base = (NodeEnvironment.prototype as { handleTestEvent?: McpEnvironment['handleTestEvent'] }).handleTestEvent;
    await base?.call(this, event, state);
    scrubTestEvent(event, state, this.plan.redactor);
    if (event.name === 'run_start') {
      // Before Jest 29 starts concurrent tests (right after the file's beforeAll hooks).
      this.perTest?.wrapConcurrent(state);
      // Clients that waited: all of them under -t, in-process ones always (after the file's jest.mock calls).
      await this.owner?.openPending(state).catch((error: Error) => {
        // Thrown from run_start, it fails the file the way a failed setup() does.
        this.setupFailed = true;
        throw printedOnce(error);
      });
    } else if (event.name === 'run_finish') {
      // Requests still in flight now outlived their tests; the bridge leaves their errors alone.
      (this.global as Record<symbol, unknown>)[FINISHED_KEY] = true;
      // Closed here, not in teardown: Jest has not made the file's result yet, so a close failure
      // is reported beside the tests' own results instead of replacing them (a teardown error does).
      const problem = await this.closeSessions();
      if (problem) state.unhandledErrors.push(forFileResult(problem));
    } else if (event.name === 'test_start') {
      this.testMark = traceMark();
    } else if (event.name === 'test_started' && this.perTest?.active && !event.test.concurrent) {
      // A failure here becomes the test's error: circus then runs neither its hooks nor the test.
      await this.perTest.open().catch((error: Error) => event.test.errors.push(error));
    }
    if (event.name !== 'test_done') return;
    if (event.test.errors.length > 0 && this.plan.traces) {
      try {
        // Let output already on its way (stderr and stdout are separate pipes) arrive first.
        await new Promise((resolve) => setImmediate(resolve));
        // A concurrent test's per-test sessions are its own, kept for it when it failed.
        const perTest = event.test.concurrent ? this.perTest?.traceOf(event.test) : this.perTest?.traceSince(this.testMark);
        const opened = [...this.testOwners].map((o) => o.traceSince(this.testMark));
        const shown = [this.owner?.traceSince(this.testMark), perTest, ...opened].filter(Boolean);
        if (shown.length) {
          const report = new Error('MCP exchange during this test');
          // The report shows `stack`; a trace has no call sites worth showing.
          report.stack = `MCP exchange during this test (→ sent, ← received):\n${shown.join('\n')}`;
          event.test.errors.push(report);
        }
      } catch {
        // A missing trace is better than a failed file.
      }
    }
    if (!event.test.concurrent) await this.perTest?.close().catch((error: Error) => event.test.errors.push(error));
  }

  /**
   * Closes every session still open, last opened first: per-test ones, those tests opened
   * themselves, then the file's own. Returns what failed; a second call finds nothing to close.
   */
  private closeSessions(): Promise<Error | undefined> {
    const testOwners = [...this.testOwners].reverse();
    this.testOwners.clear();
    return closeEach([
      () => this.perTest?.close(),
      () => this.perTest?.closeConcurrent(),
      ...testOwners.map((owner) => () => owner.closeAll()),
      () => this.owner?.closeAll(),
    ]);
  }

  override async teardown(): Promise<void> {
    try {
      // Close while our references are intact: Jest 30 cleans the realm's globals in super.teardown().
      // Normally run_finish closed everything; not when the file never ran (a failed setup).
      const problem = await closeEach([
        async () => {
          const closing = await this.closeSessions();
          if (closing) throw closing;
        },
        // After the sessions: a client may still have been talking to a server that trusts it.
        () => this.authServers.closeAll(),
        () => this.coverage?.save(),
        () => {
          try {
            this.tmpdir.remove();
          } catch (error) {
            throw new McpTeardownError(
              `jest-mcp: could not remove this file's ${TMPDIR_VAR} (${this.tmpdir.path}): ${(error as Error).message}`,
              [],
            );
          }
        },
      ]);
      // Jest shows only the teardown error when both throw; the setup error is the one that matters.
      if (problem && !this.setupFailed) throw printedOnce(problem);
    } finally {
      await super.teardown();
    }
  }
}

// `export =`: Jest, `require()` and ESM `import` all get the class itself, not `{ default }`.
export = McpEnvironment;
