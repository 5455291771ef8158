import type {} from '../../src/index'; // the global `expect` typing users get
import { stripVTControlCharacters } from 'node:util';
import { failureOf } from '../helpers/matcher-failure';
import { mcpMatchers } from '../../src/expect/matchers';

// Installed in this file only, as the README tells projects with `injectGlobals: false` to do; the
// type-check of this line is the test that `this` of the matchers accepts Jest's MatcherContext.
expect.extend(mcpMatchers);

/** Matcher messages may be coloured, depending on the terminal; compare the words. */
const plain = (text: string) => stripVTControlCharacters(text);

const failure = failureOf;

async function failureAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return plain((error as Error).message);
  }
  throw new Error('the assertion passed; it should have failed');
}

const text = (t: string, isError?: boolean) => ({ content: [{ type: 'text', text: t }], ...(isError === undefined ? {} : { isError }) });

describe('toHaveTool, toHaveResource, toHavePrompt', () => {
  const tools = { tools: [{ name: 'echo' }, { name: 'add' }] };

  test('pass on a list result and on its bare array', () => {
    expect(tools).toHaveTool('echo');
    expect(tools.tools).toHaveTool('add');
    expect(tools).not.toHaveTool('missing');
    expect({ resources: [{ uri: 'file:///a' }] }).toHaveResource('file:///a');
    expect({ prompts: [{ name: 'greet' }] }).toHavePrompt('greet');
  });

  test('the failure message lists the names the server has', () => {
    expect(failure(() => expect(tools).toHaveTool('missing'))).toBe('expected the tools to include tool "missing"\ntools (2): echo, add');
    expect(failure(() => expect(tools).not.toHaveTool('echo'))).toBe('expected the tools not to include tool "echo"\ntools (2): echo, add');
    expect(failure(() => expect({ resources: [{ uri: 'u:1' }] }).toHaveResource('u:2'))).toBe(
      'expected the resources to include resource "u:2"\nresources (1): u:1',
    );
    expect(failure(() => expect({ prompts: [] }).toHavePrompt('p'))).toBe('expected the prompts to include prompt "p"\nprompts (0): ');
  });

  test('a long list is cut in the message', () => {
    const many = { tools: Array.from({ length: 100 }, (_, i) => ({ name: `tool-number-${i}` })) };
    const message = failure(() => expect(many).toHaveTool('x'));
    expect(message).toMatch(/^expected the tools to include tool "x"\ntools \(100\): tool-number-0, /);
    expect(message).toMatch(/… \(\d+ more characters\)$/);
  });

  test('something that is not a list says which call gives one', () => {
    expect(failure(() => expect({ content: [] }).toHaveTool('a'))).toBe(
      'expected a list result with `tools` (e.g. from listTools()), received {"content":[]}',
    );
    expect(failure(() => expect(undefined).toHaveResource('a'))).toBe(
      'expected a list result with `resources` (e.g. from listResources()), received undefined',
    );
    expect(failure(() => expect(null).toHavePrompt('a'))).toBe(
      'expected a list result with `prompts` (e.g. from listPrompts()), received null',
    );
  });

  // Regression test: a value of the wrong shape gives pass: false, so under `.not` it passes silently;
  // `expect(await c.callTool(...)).not.toHaveTool('x')` (the wrong call) can never fail.
  // Jest's own matchers throw a matcher error for a received value of the wrong type, both ways.
  test('.not on something that is not a list fails too', () => {
    expect(() => expect({ content: [] }).not.toHaveTool('a')).toThrow(/list result/);
  });
});

describe('toBeToolError', () => {
  test('passes on isError: true, with or without a text condition', () => {
    expect(text('boom: disk full', true)).toBeToolError();
    expect(text('boom: disk full', true)).toBeToolError('disk full');
    expect(text('boom: disk full', true)).toBeToolError(/^boom/);
    expect(text('ok', false)).not.toBeToolError();
    expect(text('ok')).not.toBeToolError();
  });

  test('failure messages describe the result in a line', () => {
    expect(failure(() => expect(text('ok')).toBeToolError())).toBe(
      'expected a tool error\nreceived: isError: false; content types: text; text: "ok"',
    );
    expect(failure(() => expect(text('boom', true)).toBeToolError('nope'))).toBe(
      'expected a tool error with text "nope"\nreceived: isError: true; content types: text; text: "boom"',
    );
    expect(failure(() => expect(text('boom', true)).not.toBeToolError())).toBe(
      'expected not a tool error\nreceived: isError: true; content types: text; text: "boom"',
    );
    expect(failure(() => expect(42).toBeToolError())).toBe('expected a tool error\nreceived: not a tool result (no `content` array): 42');
  });
});

describe('toBeToolSuccess', () => {
  test('passes on content without isError: true', () => {
    expect(text('ok')).toBeToolSuccess();
    expect({ content: [], isError: false }).toBeToolSuccess();
    expect(text('bad', true)).not.toBeToolSuccess();
    expect({ structuredContent: {} }).not.toBeToolSuccess();
  });

  test('failure messages', () => {
    expect(failure(() => expect(text('bad', true)).toBeToolSuccess())).toBe(
      'expected a successful tool result\nreceived: isError: true; content types: text; text: "bad"',
    );
    expect(failure(() => expect({ content: [] }).not.toBeToolSuccess())).toBe(
      'expected not a successful tool result\nreceived: isError: false; content types: none',
    );
    expect(failure(() => expect({ tools: [] }).toBeToolSuccess())).toBe(
      'expected a successful tool result\nreceived: not a tool result (no `content` array): {"tools":[]}',
    );
  });
});

describe('toHaveTextContent', () => {
  const mixed = {
    content: [
      { type: 'text', text: 'first' },
      { type: 'image', data: 'AAAA', mimeType: 'image/png' },
      { type: 'text', text: 'second' },
    ],
  };

  test('looks at the text items joined by newlines, ignoring the others', () => {
    expect(mixed).toHaveTextContent('second');
    expect(mixed).toHaveTextContent(/^first\nsecond$/);
    expect(mixed).not.toHaveTextContent('AAAA');
  });

  test('failure messages show the text, cut when long', () => {
    expect(failure(() => expect(mixed).toHaveTextContent('third'))).toBe(
      'expected the text content to contain "third"\nreceived: isError: false; content types: text, image, text; text: "first\\nsecond"',
    );
    expect(failure(() => expect(mixed).not.toHaveTextContent(/first/))).toMatch(/^expected the text content not to contain \/first\/\n/);
    const long = failure(() => expect(text('x'.repeat(1000))).toHaveTextContent('y'));
    expect(long).toContain(`text: "${'x'.repeat(400)}… (600 more characters)"`);
  });
});

describe('toHaveContentType', () => {
  const result = {
    content: [
      { type: 'text', text: 'a' },
      { type: 'resource_link', uri: 'u:1' },
    ],
  };

  test('passes when some item has the type', () => {
    expect(result).toHaveContentType('resource_link');
    expect(result).not.toHaveContentType('image');
    expect(undefined).not.toHaveContentType('text');
  });

  test('failure messages', () => {
    expect(failure(() => expect(result).toHaveContentType('audio'))).toBe(
      'expected a content item of type "audio"\nreceived: isError: false; content types: text, resource_link; text: "a"',
    );
    expect(failure(() => expect(result).not.toHaveContentType('text'))).toMatch(/^expected no content item of type "text"\n/);
  });
});

describe('toMatchStructuredContent', () => {
  const result = { content: [], structuredContent: { id: 7, note: { title: 't', tags: ['a', 'b'] } } };

  test('matches a subset, like toMatchObject, with asymmetric matchers', () => {
    expect(result).toMatchStructuredContent({ note: { title: 't' } });
    expect(result).toMatchStructuredContent({ id: expect.any(Number), note: { tags: ['a', 'b'] } });
    expect(result).not.toMatchStructuredContent({ id: 8 });
    // Arrays must match whole, as with toMatchObject.
    expect(result).not.toMatchStructuredContent({ note: { tags: ['a'] } });
  });

  test('failure messages show the structured content, or say there is none', () => {
    expect(failure(() => expect(result).toMatchStructuredContent({ id: 8 }))).toBe(
      'expected structuredContent to match {"id": 8}\nreceived: {"id":7,"note":{"title":"t","tags":["a","b"]}}',
    );
    expect(failure(() => expect(text('plain')).toMatchStructuredContent({ a: 1 }))).toBe(
      'expected structuredContent to match {"a": 1}\nreceived no structuredContent: isError: false; content types: text; text: "plain"',
    );
    expect(failure(() => expect(result).not.toMatchStructuredContent({ id: 7 }))).toMatch(/^expected structuredContent not to match/);
  });
});

describe('toMatchToolOutputSchema', () => {
  const schema = { type: 'object', properties: { sum: { type: 'number' } }, required: ['sum'] };
  /** Two pages, so the matcher has to follow the cursor to find the tool. */
  function fakeClient() {
    const calls: unknown[] = [];
    return {
      calls,
      async listTools(params?: { cursor?: string }) {
        calls.push(params);
        return params?.cursor === 'page-2'
          ? { tools: [{ name: 'add', outputSchema: schema }, { name: 'no-schema' }] }
          : { tools: [{ name: 'echo' }], nextCursor: 'page-2' };
      },
    };
  }

  test('passes when structuredContent validates, following pages to find the tool', async () => {
    const client = fakeClient();
    await expect({ content: [], structuredContent: { sum: 3 } }).toMatchToolOutputSchema(client, 'add');
    expect(client.calls).toEqual([undefined, { cursor: 'page-2' }]);
    await expect({ content: [], structuredContent: { sum: 'three' } }).not.toMatchToolOutputSchema(fakeClient(), 'add');
  });

  test('the failure message carries the validator’s words', async () => {
    const message = await failureAsync(() =>
      expect({ content: [], structuredContent: { total: 3 } }).toMatchToolOutputSchema(fakeClient(), 'add'),
    );
    expect(message).toMatch(/^expected structuredContent to validate against add's outputSchema: .*sum/);
    expect(message).toMatch(/\nreceived: \{"total":3\}$/);
    expect(
      await failureAsync(() => expect({ content: [], structuredContent: { sum: 1 } }).not.toMatchToolOutputSchema(fakeClient(), 'add')),
    ).toBe("expected structuredContent not to validate against add's outputSchema");
  });

  test('a missing tool, a tool without schema, a result without structuredContent', async () => {
    expect(await failureAsync(() => expect({ content: [], structuredContent: {} }).toMatchToolOutputSchema(fakeClient(), 'nope'))).toBe(
      'the server has no tool "nope"',
    );
    expect(
      await failureAsync(() => expect({ content: [], structuredContent: {} }).toMatchToolOutputSchema(fakeClient(), 'no-schema')),
    ).toBe('tool "no-schema" declares no outputSchema');
    expect(await failureAsync(() => expect(text('x')).toMatchToolOutputSchema(fakeClient(), 'add'))).toBe(
      'expected structuredContent to validate against add\'s outputSchema, received none: isError: false; content types: text; text: "x"',
    );
  });
});

describe('toRejectWithMcpError', () => {
  /** The shape of an McpError from any realm: the matcher must not need the SDK's class. */
  const mcpError = (code: number, message: string) => Object.assign(new Error(message), { name: 'McpError', code });

  test('passes on a rejection with an McpError, with the code when given', async () => {
    await expect(Promise.reject(mcpError(-32602, 'bad params'))).toRejectWithMcpError();
    await expect(Promise.reject(mcpError(-32602, 'bad params'))).toRejectWithMcpError(-32602);
    await expect(Promise.reject(mcpError(-32602, 'bad params'))).not.toRejectWithMcpError(-32601);
    await expect(Promise.reject(new Error('plain'))).not.toRejectWithMcpError();
    await expect(Promise.resolve(1)).not.toRejectWithMcpError();
  });

  test('failure messages', async () => {
    expect(await failureAsync(() => expect(Promise.reject(mcpError(-32602, 'bad params'))).toRejectWithMcpError(-32601))).toBe(
      'expected an McpError with code -32601\nreceived: McpError code -32602: bad params',
    );
    expect(await failureAsync(() => expect(Promise.reject(new TypeError('boom'))).toRejectWithMcpError())).toBe(
      'expected an McpError\nreceived: TypeError code undefined: boom',
    );
    expect(await failureAsync(() => expect(Promise.resolve({ ok: true })).toRejectWithMcpError())).toBe(
      'expected the promise to reject with an McpError, but it resolved: {"ok":true}',
    );
    expect(await failureAsync(() => expect(Promise.reject(mcpError(-1, 'x'))).not.toRejectWithMcpError())).toBe(
      'expected not an McpError\nreceived: McpError code -1: x',
    );
    expect(await failureAsync(() => expect(5).toRejectWithMcpError())).toBe(
      'expected a promise (e.g. mcpClients.x.readResource(...)), received 5',
    );
  });

  test('a numeric code alone is not enough: the name must be McpError', async () => {
    await expect(Promise.reject(Object.assign(new Error('x'), { code: -32000 }))).not.toRejectWithMcpError();
  });
});
