import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../helpers/project';

/**
 * The soak script at a size that fits CI: many files on 2 workers, mixed stdio and HTTP; it fails
 * on leftover processes, growing file descriptors per worker, or a Jest that does not exit by
 * itself. The full size (200 files) runs as `npm run soak`.
 */
test('bench/soak.js --files 40: no leftovers, no fd growth, Jest exits by itself', async () => {
  const child = spawn(process.execPath, [path.join(REPO, 'bench/soak.js'), '--files', '40'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(output).toMatch(/soak: OK/);
  expect(code).toBe(0);
}, 300_000);
