import * as answers from '../../src/conformance/rules-answers';
import * as listing from '../../src/conformance/rules-listing';
import type { Answer } from '../../src/conformance/types';
import { anySdk } from '../../src/sdk';

/** Every conformance rule with what a conforming server sends (no problems) and what breaks it (a problem naming the field). */

const compile: listing.SchemaCompiler = (schema) => {
  try {
    anySdk().checkJsonSchema(schema, {});
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};
const result = (r: Record<string, unknown>): Answer => ({ kind: 'result', result: r });
const rpcError = (code: number, message = 'm'): Answer => ({ kind: 'error', code, message });
const noAnswer: Answer = { kind: 'failed', message: 'Connection closed' };

describe('handshake', () => {
  test('serverInfo needs a name and a version', () => {
    expect(listing.serverInfo({ name: 'n', version: '1' })).toEqual([]);
    expect(listing.serverInfo({ name: 'n' })).toEqual([
      expect.stringContaining('serverInfo.version must be a non-empty string, got nothing'),
    ]);
    expect(listing.serverInfo(undefined)).toEqual([expect.stringContaining('serverInfo is missing')]);
  });
  test('the protocol version must be one the client knows', () => {
    expect(listing.protocolVersion('2025-11-25', ['2025-11-25'])).toEqual([]);
    expect(listing.protocolVersion('2099-01-01', ['2025-11-25'])).toEqual([
      'protocol version "2099-01-01" is not one the client knows (2025-11-25)',
    ]);
  });
  test('capabilities: an object of objects', () => {
    expect(listing.capabilitiesShape({ tools: {}, logging: {} })).toEqual([]);
    expect(listing.capabilitiesShape([])).toEqual(['capabilities must be an object, got []']);
    expect(listing.capabilitiesShape({ tools: true })).toEqual(['capabilities.tools must be an object, got true']);
  });
  test('listChanged and subscribe flags are booleans', () => {
    expect(listing.capabilityFlags({ tools: { listChanged: true }, resources: { subscribe: false } })).toEqual([]);
    expect(listing.capabilityFlags({ resources: { subscribe: 'yes' }, prompts: { listChanged: 1 } })).toEqual([
      'capabilities.resources.subscribe must be a boolean, got "yes"',
      'capabilities.prompts.listChanged must be a boolean, got 1',
    ]);
  });
  test('instructions, if sent, are a string', () => {
    expect(listing.instructions('hi')).toEqual([]);
    expect(listing.instructions(undefined)).toEqual([]);
    expect(listing.instructions({ text: 'hi' })).toEqual(['instructions must be a string, got {"text":"hi"}']);
  });
});

describe('tools', () => {
  test('names: 1-128 characters of A-Z a-z 0-9 _ - .', () => {
    for (const ok of ['notes_create', 'a', 'admin.tools.list', 'GET-x', 'x'.repeat(128)]) expect(listing.toolName(ok)).toEqual([]);
    expect(listing.toolName('bad tool!')).toEqual(['the name "bad tool!" has characters outside A-Z a-z 0-9 _ - . : " ", "!"']);
    expect(listing.toolName('')).toEqual(['the name is 0 characters long; 1 to 128 are allowed']);
    expect(listing.toolName('x'.repeat(129))).toEqual(['the name is 129 characters long; 1 to 128 are allowed']);
    expect(listing.toolName(7)).toEqual(['the name must be a string, got 7']);
  });
  test('names are unique', () => {
    expect(listing.duplicates(['a', 'b'])).toEqual([]);
    expect(listing.duplicates(['a', 'b', 'a'])).toEqual(['listed more than once: "a"']);
  });
  test('inputSchema: a JSON Schema object with type "object" that compiles', () => {
    expect(
      listing.objectSchema({ name: 't', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } }, 'inputSchema', compile),
    ).toEqual([]);
    expect(listing.objectSchema({ name: 't', inputSchema: { type: 'array' } }, 'inputSchema', compile)).toEqual([
      'inputSchema.type must be "object", got "array"',
    ]);
    expect(listing.objectSchema({ name: 't' }, 'inputSchema', compile)).toEqual(['inputSchema must be a JSON Schema object, got nothing']);
    expect(
      listing.objectSchema({ name: 't', inputSchema: { type: 'object', properties: { a: { type: 'strin' } } } }, 'inputSchema', compile),
    ).toEqual([expect.stringMatching(/^inputSchema is not a valid JSON Schema: .*type/)]);
  });
  test('outputSchema is optional, and an object schema when given', () => {
    expect(listing.objectSchema({ name: 't' }, 'outputSchema', compile)).toEqual([]);
    expect(listing.objectSchema({ name: 't', outputSchema: { type: 'string' } }, 'outputSchema', compile)).toEqual([
      'outputSchema.type must be "object", got "string"',
    ]);
  });
  test('annotations: *Hint booleans, title a string', () => {
    expect(listing.annotations({ annotations: { readOnlyHint: true, title: 'T', destructiveHint: false } })).toEqual([]);
    expect(listing.annotations({})).toEqual([]);
    expect(listing.annotations({ annotations: { destructiveHint: 'no', title: 3 } })).toEqual([
      'annotations.destructiveHint must be a boolean, got "no"',
      'annotations.title must be a string, got 3',
    ]);
    expect(listing.annotations({ annotations: [] })).toEqual(['annotations must be an object, got []']);
  });
  test('icons: src http(s) or data:, mimeType string, sizes WxH or any, theme light|dark', () => {
    const good = [
      { src: 'https://x/i.png', mimeType: 'image/png', sizes: ['48x48', 'any'], theme: 'dark' },
      { src: 'data:image/svg+xml;base64,PHN2Zz4=' },
    ];
    expect(listing.icons({ icons: good })).toEqual([]);
    expect(listing.icons({ icons: [{ src: 'ftp://x/i.png', mimeType: 1, sizes: ['big'], theme: 'blue' }] })).toEqual([
      'icons[0].src must be an http(s) URL or a data: URI, got "ftp://x/i.png"',
      'icons[0].mimeType must be a string, got 1',
      'icons[0].sizes must be an array of strings like "48x48" or "any", got ["big"]',
      'icons[0].theme must be "light" or "dark", got "blue"',
    ]);
    expect(listing.icons({ icons: 'x' })).toEqual(['icons must be an array, got "x"']);
  });
});

describe('resources and prompts', () => {
  test('uriTemplate: RFC 6570 expressions, balanced braces', () => {
    for (const ok of ['note://{id}', 'file:///{+path}', 'x://{a,b}/{?q,page}', 'x://{var:3}/{list*}'])
      expect(listing.uriTemplate({ uriTemplate: ok })).toEqual([]);
    expect(listing.uriTemplate({ uriTemplate: 'note://{id' })).toEqual(['uriTemplate "note://{id" has unbalanced braces']);
    expect(listing.uriTemplate({ uriTemplate: 'x://{a b}' })).toEqual(['uriTemplate "x://{a b}" has invalid expressions: {a b}']);
    expect(listing.uriTemplate({})).toEqual(['uriTemplate must be a non-empty string, got nothing']);
  });
  test('a prompt needs no arguments when none is required', () => {
    expect(listing.needsNoArguments({ name: 'p' })).toBe(true);
    expect(listing.needsNoArguments({ arguments: [{ name: 'a', required: false }] })).toBe(true);
    expect(listing.needsNoArguments({ arguments: [{ name: 'a', required: true }] })).toBe(false);
  });
  test('resources/read: contents with text or blob, one for the uri asked', () => {
    expect(answers.resourceRead(result({ contents: [{ uri: 'n://1', text: 'x' }] }), 'n://1')).toEqual([]);
    expect(answers.resourceRead(rpcError(-32002, 'Resource not found'), 'n://1')).toEqual([
      'the read failed: JSON-RPC error -32002: "Resource not found"',
    ]);
    expect(answers.resourceRead(result({ contents: [{ uri: 'n://2' }] }), 'n://1')).toEqual([
      'contents[0] has neither text nor blob',
      'no item of contents has the uri asked for; uris sent: ["n://2"]',
    ]);
    expect(answers.resourceRead(result({ contents: [] }), 'n://1')).toEqual([expect.stringContaining('the result has no contents')]);
  });
  test('prompts/get: messages with roles user or assistant and a content block', () => {
    expect(answers.promptGet(result({ messages: [{ role: 'assistant', content: { type: 'text', text: 'x' } }] }))).toEqual([]);
    expect(answers.promptGet(result({ messages: [{ role: 'system', content: 'x' }] }))).toEqual([
      'messages[0].role must be "user" or "assistant", got "system"',
      'messages[0].content must be a content block with a type, got "x"',
    ]);
    expect(answers.promptGet(noAnswer)).toEqual(['prompts/get failed: no answer: "Connection closed"']);
  });
});

describe('answers', () => {
  test('a declared list answers with its array', () => {
    expect(answers.listAnswers(result({ tools: [] }), 'tools')).toEqual([]);
    expect(answers.listAnswers(rpcError(-32601, 'Method not found'), 'tools')).toEqual([
      'the list did not answer: JSON-RPC error -32601: "Method not found"',
    ]);
    expect(answers.listAnswers(result({ items: [] }), 'tools')).toEqual([expect.stringContaining('the result has no `tools` array')]);
  });
  test('logging/setLevel answers with a result', () => {
    expect(answers.answersWithResult(result({}))).toEqual([]);
    expect(answers.answersWithResult(rpcError(-32601))).toEqual(['expected a result, got JSON-RPC error -32601: "m"']);
  });
  test('completion/complete: values (at most 100 strings), total a number, hasMore a boolean', () => {
    expect(answers.completion(result({ completion: { values: ['a'], total: 1, hasMore: false } }))).toEqual([]);
    expect(answers.completion(result({ completion: { values: [1], hasMore: 'no' } }))).toEqual([
      'completion.values must be an array of strings, got [1]',
      'completion.hasMore must be a boolean, got "no"',
    ]);
    expect(answers.completion(result({ completion: { values: Array(101).fill('x') } }))).toEqual([
      'completion.values has 101 items; at most 100 are allowed',
    ]);
    expect(answers.completion(rpcError(-32601))).toEqual([expect.stringContaining('completion/complete failed')]);
  });
  test('unknown tool: -32602 or isError; not success, not another error', () => {
    expect(answers.unknownTool(rpcError(-32602))).toEqual([]);
    expect(answers.unknownTool(result({ content: [], isError: true }))).toEqual([]);
    expect(answers.unknownTool(result({ content: [{ type: 'text', text: 'ran' }] }))).toEqual([
      expect.stringContaining('expected JSON-RPC error -32602'),
    ]);
    expect(answers.unknownTool(rpcError(-32603))).toEqual([expect.stringContaining('got JSON-RPC error -32603')]);
  });
  test('unknown method: -32601', () => {
    expect(answers.unknownMethod(rpcError(-32601))).toEqual([]);
    expect(answers.unknownMethod(rpcError(-32600))).toEqual([
      'expected JSON-RPC error -32601 (method not found), got JSON-RPC error -32600: "m"',
    ]);
    expect(answers.unknownMethod(result({}))).toEqual([expect.stringContaining('got a result {}')]);
  });
  test('invalid params: isError or -32602; an accepted call or a crash fail', () => {
    expect(answers.invalidParams(result({ content: [], isError: true }))).toEqual([]);
    expect(answers.invalidParams(rpcError(-32602))).toEqual([]);
    expect(answers.invalidParams(result({ content: [] }))).toEqual([
      expect.stringContaining('the server accepted arguments that break its inputSchema'),
    ]);
    expect(answers.invalidParams(rpcError(-32603, 'crashed'))).toEqual([expect.stringContaining('got JSON-RPC error -32603: "crashed"')]);
    expect(answers.invalidParams(noAnswer)).toEqual([expect.stringContaining('got no answer')]);
  });
  test('structuredContent must match the outputSchema', () => {
    const schema = { type: 'object', properties: { temp: { type: 'number' } }, required: ['temp'] };
    const check = (s: unknown, v: unknown) => anySdk().checkJsonSchema(s, v);
    expect(answers.structuredContent(result({ content: [], structuredContent: { temp: 21 } }), schema, check)).toEqual([]);
    expect(answers.structuredContent(result({ content: [], structuredContent: { temp: 'warm' } }), schema, check)).toEqual([
      expect.stringMatching(/^structuredContent does not match the outputSchema: .*temp.* number; sent \{"temp":"warm"\}$/),
    ]);
    expect(answers.structuredContent(result({ content: [] }), schema, check)).toEqual([expect.stringContaining('no structuredContent')]);
    expect(answers.structuredContent(result({ content: [{ type: 'text', text: 'boom' }], isError: true }), schema, check)).toEqual([
      expect.stringContaining('the call returned isError: true, so structuredContent could not be checked'),
    ]);
  });
});

describe('pagination', () => {
  const pages = (...list: Array<Record<string, unknown>>) => {
    const byCursor = new Map<string | undefined, Answer>(list.map((p, i) => [i === 0 ? undefined : `c${i}`, result(p)]));
    return (cursor?: string) => Promise.resolve(byCursor.get(cursor) ?? rpcError(-32602, `bad cursor ${cursor}`));
  };
  const id = (t: Record<string, unknown>) => t.name;
  test('cursors followed to the end, no item twice', async () => {
    const walk = await answers.followPages(pages({ tools: [{ name: 'a' }], nextCursor: 'c1' }, { tools: [{ name: 'b' }] }), 10);
    expect(walk.pages).toHaveLength(2);
    expect(answers.pagination(walk, 'tools', id, 10)).toEqual([]);
  });
  test('an item on two pages', async () => {
    const walk = await answers.followPages(pages({ tools: [{ name: 'a' }], nextCursor: 'c1' }, { tools: [{ name: 'a' }] }), 10);
    expect(answers.pagination(walk, 'tools', id, 10)).toEqual(['items on more than one page (or twice): ["a"]']);
  });
  test('a cursor that comes back never ends', async () => {
    const walk = await answers.followPages(
      pages({ tools: [{ name: 'a' }], nextCursor: 'c1' }, { tools: [{ name: 'b' }], nextCursor: 'c1' }),
      10,
    );
    expect(walk.pages).toHaveLength(2);
    expect(answers.pagination(walk, 'tools', id, 10)).toEqual(['page 2 gives nextCursor "c1" again: following it would never end']);
  });
  test('a cursor the server does not accept, and a walk cut at maxPages', async () => {
    const failing = await answers.followPages(pages({ tools: [], nextCursor: 'zz' }), 10);
    expect(answers.pagination(failing, 'tools', id, 10)).toEqual(['page 2 failed: JSON-RPC error -32602: "bad cursor zz"']);
    let n = 0;
    const endless = (): Promise<Answer> => Promise.resolve(result({ tools: [{ name: `t${n}` }], nextCursor: `c${++n}` }));
    const cut = await answers.followPages(endless, 3);
    expect(cut).toMatchObject({ truncated: true });
    expect(answers.pagination(cut, 'tools', id, 3)).toEqual(['still a nextCursor after 3 pages (raise maxPages if the list is that long)']);
  });
});
