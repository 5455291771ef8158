import { FilePlan } from '../config/file-plan';
import { mcpMatchers } from '../expect/matchers';
import { createSnapshotSerializer } from '../expect/serializer';
import { readServers } from '../servers/handoff';
import { OPTIONS_PROVIDED, ROOT_PROVIDED } from './provided';

/**
 * mcpVitest's setup file (its ES module face is preset/vitest-setup.mjs), run in the worker before
 * each test file: the MCP matchers on Vitest's `expect`, and the snapshot serializer that hides
 * the config's secrets and the volatile fields of MCP results.
 */

interface ExpectLike {
  extend(matchers: object): void;
  addSnapshotSerializer(serializer: object): void;
}

/** Vitest keeps `expect` for the worker's life, also across isolated files: installed once each. */
const installed = new WeakSet<ExpectLike>();

export function installMcpExpect(expect: ExpectLike, inject: (key: string) => unknown): void {
  if (installed.has(expect)) return;
  installed.add(expect);
  expect.extend(mcpMatchers);
  const rootDir = (inject(ROOT_PROVIDED) as string | undefined) ?? process.cwd();
  // The config's own errors are the fixtures' to report; here the serializer only takes what it can.
  const plan = new FilePlan(inject(OPTIONS_PROVIDED), {}, () => ({ rootDir, servers: readServers() }));
  const serializer = createSnapshotSerializer(plan.snapshot ?? {}, plan.redactor);
  if (serializer) expect.addSnapshotSerializer(serializer);
}
