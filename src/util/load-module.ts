import { pathToFileURL } from 'node:url';

/**
 * Loads a user's module (auth provider, responder, global hook) whether it is CommonJS or an ES
 * module, on every Node the package accepts: `require` first (it also takes TypeScript that
 * Jest's transform compiles, and ES modules on Nodes with require(esm)), the real `import()` when
 * `require` refuses an ES module.
 */

// TypeScript compiles `import()` to `require()` for CommonJS output; this one stays an import.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const ESM_REFUSALS = ['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE'];

export async function loadUserModule(file: string): Promise<unknown> {
  try {
    return require(file) as unknown;
  } catch (error) {
    if (!ESM_REFUSALS.includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return importModule(pathToFileURL(file).href);
  }
}

/** The first export that is a function: the module itself, `default`, or one of `names`. */
export function exportedFunction(mod: unknown, names: string[] = []): ((...args: never[]) => unknown) | undefined {
  const m = (mod ?? {}) as Record<string, unknown>;
  for (const candidate of [mod, m.default, ...names.map((n) => m[n])]) {
    if (typeof candidate === 'function') return candidate as (...args: never[]) => unknown;
  }
  return undefined;
}

/**
 * An ES-module-only package of jest-mcp's own (oidc-provider, jose), by its resolved path: a bare
 * `import()` from here would resolve from wherever Node thinks this code lives, not from jest-mcp.
 * Works in Jest's main process and its workers, not inside a test file's realm (Jest's vm has no
 * dynamic import there): test-realm code reaches these through the environment.
 */
export function importPackage(name: string): Promise<unknown> {
  return importModule(pathToFileURL(require.resolve(name)).href);
}
