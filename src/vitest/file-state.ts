import { FilePlan, type PlanSource } from '../config/file-plan';
import { filePlanSource } from '../config/plan-source';
import type { McpClientOptions } from '../config/types';
import { type McpSdk, loadSdk, resolveSdkGeneration } from '../sdk';
import type { SessionOwner, OpenClient } from '../session/owner';
import { openTestClient } from '../session/test-client';
import { FileSessions } from '../session/file-sessions';
import { TestSessions } from '../session/per-test';
import { closeEach } from '../session/file-close';
import { traceMark } from '../session/trace';
import { FileTempDir, TMPDIR_VAR } from '../session/file-dir';
import { coverageForFile } from '../coverage/for-file';
import type { CoverageRecorder } from '../coverage/recorder';
import { ESM_KEY, SDK_KEY, UNCOUNTED_KEY } from '../channels/keys';
import type { ClientOpener } from '../realm/open-client';
import { inVitestTerms } from './paths';
import { McpConfigError } from '../util/errors';

/**
 * One Vitest test file's MCP state, in the worker: what the environment is to a Jest file. The
 * fixtures drive it: the file's sessions open when the first test that uses `mcpClients` runs,
 * per-test sessions around each test, and everything closes, last opened first, after the file.
 */
export class VitestFile {
  private readonly plan: FilePlan;
  private readonly tmpdir = new FileTempDir();
  private readonly coverage?: CoverageRecorder;
  private owner?: FileSessions;
  private perTest?: TestSessions;
  /** Sessions tests opened (openMcpClient), newest last; the test's fixture closes them. */
  readonly testOwners = new Set<SessionOwner>();
  private loadedSdk?: McpSdk;
  private testMark = 0;

  constructor(
    raw: unknown,
    /** The clients this file opens (`mcpClientNames`); all configured ones when undefined. */
    names: readonly string[] | undefined,
    private readonly rootDir: string,
    testPath: string,
  ) {
    const global = globalThis as Record<symbol, unknown>;
    // The test imports the SDK as an ES module: the bridge re-creates protocol errors with those classes.
    global[ESM_KEY] = true;
    process.env[TMPDIR_VAR] = this.tmpdir.path;
    this.plan = new FilePlan(raw, names ? { 'mcp-clients': names.join(', ') } : {}, this.planSource);
    this.coverage = coverageForFile(
      testPath,
      () => this.plan.redactor,
      () => Boolean(global[UNCOUNTED_KEY]),
    );
  }

  /** Opens the file's own sessions (session: 'file'); the per-test ones get their slots. */
  async openFile(): Promise<{ entries: OpenClient[]; configured: string[] }> {
    try {
      const clients = this.plan.clients(() => this.sdk().generation);
      const inProcess = clients.find((c) => c.kind === 'in-process');
      // Its module would load outside Vitest's module graph: no transform, no vi.mock, no coverage.
      if (inProcess)
        throw new McpConfigError(
          `jest-mcp: mcpVitest({ clients.${inProcess.name}.module }) names a server module: in-process clients work under Jest only so far. Under Vitest, start the server as it ships (command or url).`,
        );
      this.tmpdir.create();
      const fileClients = clients.filter((c) => c.session === 'file');
      this.owner = new FileSessions(fileClients, this.plan.redactor!, this.ownerOptions(), false);
      await this.owner.openFile();
      this.coverage?.known(fileClients, this.owner.entries());
      this.perTest = new TestSessions(
        clients.filter((c) => c.session === 'test'),
        this.plan.redactor!,
        this.ownerOptions(),
      );
      const open = [...this.owner.entries(), ...this.perTest.slots];
      return { entries: clients.map((c) => open.find((o) => o.name === c.name)!), configured: this.plan.configuredNames };
    } catch (error) {
      throw inVitestTerms(error);
    }
  }

  /** Before a test: where its part of the exchange starts, and its per-test sessions. */
  async startTest(): Promise<void> {
    this.testMark = traceMark();
    await this.perTest?.open().catch((error: unknown) => {
      throw inVitestTerms(error);
    });
  }

  /** After a test: its MCP exchange (when it failed), then its own sessions closed, newest first. */
  async endTest(failed: boolean): Promise<{ trace?: string; problem?: Error }> {
    let trace: string | undefined;
    if (failed && this.plan.traces) {
      const opened = [...this.testOwners].map((o) => o.traceSince(this.testMark));
      const shown = [this.owner?.traceSince(this.testMark), this.perTest?.traceSince(this.testMark), ...opened].filter(Boolean);
      if (shown.length) trace = `MCP exchange during this test (→ sent, ← received):\n${shown.join('\n')}`;
    }
    const owners = [...this.testOwners].reverse();
    this.testOwners.clear();
    const problem = await closeEach([...owners.map((owner) => () => owner.closeAll()), () => this.perTest?.close()]);
    return { trace, problem };
  }

  /** Backs the openMcpClient fixture: a session of the test's own, closed by the test or after it. */
  readonly openForTest: ClientOpener = async (target: string | McpClientOptions) => {
    try {
      const plan = this.plan.forTest(target, this.planSource, () => this.sdk().generation);
      return await openTestClient(plan, this.ownerOptions(), this.testOwners);
    } catch (error) {
      throw inVitestTerms(error);
    }
  };

  /** After the file's last test: what is left open, last opened first; returns what failed. */
  async close(): Promise<Error | undefined> {
    const owners = [...this.testOwners].reverse();
    this.testOwners.clear();
    return closeEach([
      ...owners.map((owner) => () => owner.closeAll()),
      () => this.perTest?.close(),
      () => this.owner?.closeAll(),
      () => this.coverage?.save(),
      () => this.tmpdir.remove(),
    ]);
  }

  /** Hides the config's secrets in text a test failure shows. */
  redact(text: string): string {
    return this.plan.redactor?.redact(text) ?? text;
  }

  private readonly planSource: PlanSource = () => filePlanSource(this.rootDir, { [TMPDIR_VAR]: this.tmpdir.path })();

  private ownerOptions() {
    // Stops are awaited: Vitest may end the worker right after the file, killing a server still
    // stopping in the background (and losing what it would write on exit, such as coverage).
    return { trace: this.plan.traces, rootDir: this.rootDir, sdk: () => this.sdk(), coverage: this.coverage, backgroundStops: false };
  }

  /** Found when the first client opens: a file without clients needs no SDK installed. */
  private sdk(): McpSdk {
    if (!this.loadedSdk) {
      this.loadedSdk = loadSdk(resolveSdkGeneration(this.rootDir, this.plan.sdkChoice));
      (globalThis as Record<symbol, unknown>)[SDK_KEY] = this.loadedSdk.generation;
    }
    return this.loadedSdk;
  }
}
