import * as ts from 'typescript';
import { inSourcePositions } from '../../src/server-coverage/source-positions';

/**
 * A file Jest transformed arrives in the transformed code's positions; the servers' coverage of
 * the same file is in the source's. inSourcePositions brings the former to the source's lines,
 * so both can be merged. Instrumented here as Jest's babel provider does (istanbul, with the
 * transform's source map), from TypeScript whose lines the JavaScript does not keep.
 */

const FILE = '/project/src/tools.ts';
const SOURCE = `// types first: TypeScript drops them, so the JavaScript's lines move up
interface Pair {
  a: number;
  b: number;
}

export function add({ a, b }: Pair): number {
  const sum = a + b;
  return sum;
}
`;

function instrumented(): Record<string, unknown> {
  const out = ts.transpileModule(SOURCE, {
    fileName: FILE,
    compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  // Jest's own instrumenter (a dependency of @jest/transform), as its babel provider runs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createInstrumenter } = require('istanbul-lib-instrument') as {
    createInstrumenter(options: object): { instrumentSync(code: string, file: string, map: object): string; lastFileCoverage(): object };
  };
  const instrumenter = createInstrumenter({ esModules: false, compact: false });
  instrumenter.instrumentSync(out.outputText, FILE, JSON.parse(out.sourceMapText!) as object);
  return { [FILE]: instrumenter.lastFileCoverage() };
}

const statementLines = (coverage: Record<string, unknown>) =>
  Object.values((coverage[FILE] as { statementMap: Record<string, { start: { line: number } }> }).statementMap)
    .map((loc) => loc.start.line)
    .sort((x, y) => x - y);

test("a transformed file's coverage comes back in the source's lines, without its source map", async () => {
  const raw = instrumented();
  const lines = statementLines(raw);
  // In the JavaScript, `const sum` is not on line 8 (the interface is gone).
  expect(lines).not.toContain(8);
  const mapped = await inSourcePositions(raw as never);
  expect(statementLines(mapped as never)).toEqual(expect.arrayContaining([8, 9]));
  expect((mapped[FILE] as { inputSourceMap?: unknown }).inputSourceMap).toBeUndefined();
});

test('coverage already in source positions is returned as it is', async () => {
  const mapped = await inSourcePositions(instrumented() as never);
  await expect(inSourcePositions(mapped)).resolves.toBe(mapped);
});
