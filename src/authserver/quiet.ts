/**
 * oidc-provider announces on import that it supports Node 22 LTS and later only. jest-mcp runs it
 * on Node 20 as well (its tests do); that line would otherwise open every run's output.
 */
const UNSUPPORTED_RUNTIME = /oidc-provider WARNING: Unsupported runtime/;

export async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && UNSUPPORTED_RUNTIME.test(args[0])) return;
    warn.apply(console, args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}
