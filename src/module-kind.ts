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

function nearestPackageType(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (fs.existsSync(file)) {
      try {
        return (JSON.parse(fs.readFileSync(file, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(at) === at) return undefined;
  }
}
