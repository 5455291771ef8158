import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shape CONTRIBUTING.md promises: files of one job (none over ~300 lines), no import cycles,
 * and the SDK behind one door (only `src/sdk/` names an SDK package), so the next SDK change
 * touches one module.
 */

const SRC = path.resolve(__dirname, '../../src');
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (file: string) => path.relative(SRC, file);

/** Every module specifier a file names: import/export from, require(), import(). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\brequire(?:\.resolve)?\(\s*|\bimport\(\s*)(['"])([^'"]+)\1/g)) found.push(match[2]);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => files.includes(candidate));
}

test('the source tree is what the layout test reads', () => {
  expect(files.length).toBeGreaterThan(40);
  expect(files.map(rel)).toEqual(
    expect.arrayContaining(['environment.ts', 'sdk/v1.ts', 'sdk/v2.ts', 'config/types.ts', 'realm/client-proxy.ts']),
  );
});

test(`no source file is over ${MAX_LINES} lines`, () => {
  const long = files.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, lines]) => lines > MAX_LINES);
  expect(long).toEqual([]);
});

test('only src/sdk imports an MCP SDK package', () => {
  const outside = files
    .filter((f) => !rel(f).startsWith(`sdk${path.sep}`))
    .flatMap((f) =>
      specifiers(f)
        .filter((s) => s.startsWith('@modelcontextprotocol/'))
        .map((s) => `${rel(f)}: ${s}`),
    );
  expect(outside).toEqual([]);
});

test('there are no import cycles', () => {
  const graph = new Map(
    files.map((f) => [
      f,
      specifiers(f)
        .map((s) => resolveLocal(f, s))
        .filter((t): t is string => t !== undefined),
    ]),
  );
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(cycles).toEqual([]);
});

/**
 * Which folder may import which (type-only imports included: they couple the folders too). Each
 * folder's code runs in its place (CONTRIBUTING.md, "Layout"), and an import across is code
 * crossing over: a new edge is a design decision, made here. A new folder (src/authserver/,
 * src/signin/, …) gets a row of its own: the test fails, naming it, until it has one.
 * Entry files at the top of src/ wire the parts together and may import any folder.
 */
const ALLOWED_IMPORTS: Record<string, readonly string[]> = {
  channels: [],
  util: [],
  sdk: ['util'],
  config: ['authserver', 'sdk', 'servers', 'util', '(entry)'],
  process: ['channels', 'util'],
  transports: ['config', 'process', 'sdk', 'server-coverage', 'session', 'signin', 'util'],
  session: ['channels', 'config', 'sdk', 'server-coverage', 'transports', 'util'],
  realm: ['channels', 'config', 'expect', 'sdk', 'session', 'util'],
  expect: ['channels', 'realm', 'sdk', 'util'],
  servers: ['authserver', 'channels', 'config', 'process', 'sdk', 'server-coverage', 'signin', 'transports', 'util'],
  coverage: ['channels', 'config', 'sdk', 'server-coverage', 'session', 'util'],
  // Jest --coverage of the servers jest-mcp starts: env for spawns (worker, main), the reporter's merge (main).
  'server-coverage': ['channels'],
  conformance: ['authserver', 'channels', 'realm', 'sdk', 'session', 'util'],
  authserver: ['channels', 'config', 'process', 'util'],
  signin: ['channels', 'config', 'sdk', 'util'],
  // jest-mcp/vitest: wires the same parts as environment.ts and the global hooks, for Vitest's fixtures and global setup.
  vitest: [
    'authserver',
    'channels',
    'config',
    'conformance',
    'coverage',
    'expect',
    'realm',
    'sdk',
    'servers',
    'session',
    'util',
    '(entry)',
  ],
};

/** `sdk`, `config`, … for a file in a folder of src/; `(entry)` for the entry files at its top. */
const folderOf = (file: string) => (rel(file).includes(path.sep) ? rel(file).split(path.sep)[0] : '(entry)');

test('every folder of src/ has a row in the table of allowed imports', () => {
  const folders = [...new Set(files.map(folderOf))].filter((f) => f !== '(entry)');
  expect(folders.filter((f) => !(f in ALLOWED_IMPORTS))).toEqual([]);
});

test('each folder imports only the folders its row allows', () => {
  const crossings = files.flatMap((file) => {
    const from = folderOf(file);
    if (from === '(entry)') return [];
    const allowed = ALLOWED_IMPORTS[from] ?? [];
    return specifiers(file)
      .map((s) => resolveLocal(file, s))
      .filter((target): target is string => target !== undefined)
      .map((target) => folderOf(target))
      .filter((to) => to !== from && !allowed.includes(to))
      .map((to) => `${rel(file)} imports ${to}/ (allowed for ${from}/: ${allowed.join(', ') || 'nothing'})`);
  });
  expect(crossings).toEqual([]);
});
