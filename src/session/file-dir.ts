import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A temporary directory of one test file's own, `${JEST_MCP_TMPDIR}` in the config and
 * `process.env.JEST_MCP_TMPDIR` in the test: where a stateful server keeps its store, so files
 * running side by side in other workers never share it. Created before the file's sessions
 * open, removed after they closed.
 */
export { TMPDIR_VAR } from '../channels/env';

export class FileTempDir {
  /** Known before it exists: the config is resolved when the environment is constructed. */
  readonly path = path.join(os.tmpdir(), `jest-mcp-${process.pid}-${randomBytes(6).toString('hex')}`);
  private created = false;

  create(): void {
    fs.mkdirSync(this.path, { mode: 0o700 });
    this.created = true;
  }

  remove(): void {
    if (!this.created) return;
    this.created = false;
    fs.rmSync(this.path, { recursive: true, force: true, maxRetries: 2 });
  }
}
