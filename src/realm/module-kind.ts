import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Whether Jest loads a test file as an ES module, decided the way jest-runtime decides it: `.mjs`
 * yes, `.cjs` no, an extension in `extensionsToTreatAsEsm` yes, `.js` per the nearest
 * package.json's `type` — and only when Node runs with vm modules (--experimental-vm-modules).
 * The bridge needs it: an ESM test imports the SDK's ESM build, whose McpError is another class
 * than the CommonJS build's.
 */
export function loadsAsEsm(testPath: string, extensionsToTreatAsEsm: readonly string[] = []): boolean {
  if (typeof (vm as { SourceTextModule?: unknown }).SourceTextModule !== 'function') return false;
  const ext = path.extname(testPath);
  if (ext === '.mjs') return true;
  if (ext === '.cjs') return false;
  if (extensionsToTreatAsEsm.includes(ext)) return true;
  if (ext !== '.js') return false;
  return nearestPackageType(path.dirname(testPath)) === 'module';
}

/** Per directory, for the life of the worker: every test file of a directory asks the same. */
const packageTypes = new Map<string, string | undefined>();

function nearestPackageType(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: string | undefined;
  const file = path.join(dir, 'package.json');
  if (fs.existsSync(file)) {
    try {
      type = (JSON.parse(fs.readFileSync(file, 'utf8')) as { type?: string }).type;
    } catch {
      type = undefined;
    }
  } else if (path.dirname(dir) !== dir) {
    type = nearestPackageType(path.dirname(dir));
  }
  packageTypes.set(dir, type);
  return type;
}
