import * as path from 'node:path';
import { runCommand } from '../helpers/jest-process';
import { REPO } from '../helpers/project';

/**
 * The soak script at a size that fits CI: many files on 2 workers, mixed stdio and HTTP; it fails
 * on leftover processes, growing file descriptors per worker, or a Jest that does not exit by
 * itself. The full size (200 files) runs as `npm run soak`.
 */
test('bench/soak.js --files 40: no leftovers, no fd growth, Jest exits by itself', async () => {
  const run = await runCommand(process.execPath, [path.join(REPO, 'bench/soak.js'), '--files', '40'], REPO, process.env, 280_000);
  expect(run.output).toMatch(/soak: OK/);
  expect(run.code).toBe(0);
}, 300_000);
