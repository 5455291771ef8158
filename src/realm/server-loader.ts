import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RealmLoader } from '../sdk';

/**
 * Runs in the test file's realm: `require` here is Jest's, with the file's own registry, transform,
 * coverage instrumentation and `jest.mock` registrations. The worker loads an in-process client's
 * server module through it, so the server is the very code the test file would import.
 */

/** Jest's and Node's refusal to `require` an ES module. */
const ESM_REFUSALS = ['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE'];

function importInTest(specifier: string): Promise<unknown> {
  // Plain JavaScript in preset/: TypeScript would compile its import() to require().
  const importEsm = require('../../preset/import-esm.js') as (specifier: string) => Promise<unknown>;
  return importEsm(specifier);
}

export const realmLoader: RealmLoader = {
  async load(file) {
    const resolved = require.resolve(file);
    try {
      return { exports: require(resolved) as unknown, esm: false, resolved };
    } catch (error) {
      if (!ESM_REFUSALS.includes((error as NodeJS.ErrnoException)?.code ?? '')) throw error;
      return { exports: await importInTest(pathToFileURL(resolved).href), esm: true, resolved };
    }
  },

  async loadFrom(from, specifier, esm) {
    let resolved: string;
    try {
      resolved = require.resolve(specifier, { paths: [path.dirname(from)] });
    } catch {
      return undefined;
    }
    // An ES module's `import` of a package gets its ESM build: other classes than `require` gives.
    return esm ? importInTest(specifier) : (require(resolved) as unknown);
  },
};
