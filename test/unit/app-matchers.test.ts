import type {} from '../../src/index';
import { failureOf } from '../helpers/matcher-failure';
import { mcpMatchers } from '../../src/expect/matchers';

expect.extend(mcpMatchers);

const failure = failureOf;

const MIME = 'text/html;profile=mcp-app';
const ui = {
  csp: { connectDomains: ['https://api.example.com', 'wss://live.example.com'], resourceDomains: ['https://cdn.example.com'] },
  prefersBorder: true,
  domain: 'notes.example.com',
  permissions: { clipboardWrite: {} },
};
const listed = { uri: 'ui://notes/board', name: 'board', mimeType: MIME, _meta: { ui } };
const read = { contents: [{ uri: 'ui://notes/board', mimeType: MIME, text: '<!doctype html><p>board</p>', _meta: { ui } }] };

describe('toBeMcpAppResource', () => {
  test('passes on a listed resource, a read result and a content item; CSP lists in any order', () => {
    expect(listed).toBeMcpAppResource();
    expect(read).toBeMcpAppResource({
      csp: { connectDomains: ['wss://live.example.com', 'https://api.example.com'] },
      prefersBorder: true,
    });
    expect(read.contents[0]).toBeMcpAppResource({ domain: 'notes.example.com', permissions: { clipboardWrite: {} } });
    expect(listed).toBeMcpAppResource({
      csp: { connectDomains: expect.arrayContaining(['https://api.example.com']), frameDomains: undefined },
    });
    expect({ ...listed, mimeType: 'text/html; profile="mcp-app"' }).toBeMcpAppResource();
    // Omitted CSP lists are empty ones (no origin allowed), as the spec reads them.
    expect(listed).toBeMcpAppResource({ csp: { frameDomains: [], baseUriDomains: [] } });
    expect({ uri: 'notes://a', mimeType: 'text/plain' }).not.toBeMcpAppResource();
  });

  test('names the wrong field and shows what the server sent', () => {
    const message = failure(() =>
      expect(read).toBeMcpAppResource({
        csp: { connectDomains: ['https://api.example.com'], frameDomains: ['https://www.youtube.com'] },
        prefersBorder: false,
      }),
    );
    expect(message).toContain(
      'expected "ui://notes/board" to be an MCP App resource with {"csp": {"connectDomains": ["https://api.example.com"], "frameDomains": ["https://www.youtube.com"]}, "prefersBorder": false}',
    );
    expect(message).toContain(
      '_meta.ui.csp.connectDomains: expected ["https://api.example.com"], received ["https://api.example.com","wss://live.example.com"] (not expected: wss://live.example.com)',
    );
    expect(message).toContain(
      '_meta.ui.csp.frameDomains: expected ["https://www.youtube.com"], received [] (missing: https://www.youtube.com)',
    );
    expect(message).toContain('_meta.ui.prefersBorder: expected false, received true');
    expect(message).toContain('received: uri "ui://notes/board", mimeType "text/html;profile=mcp-app", _meta.ui {"csp":{"connectDomains":');
  });

  test('scheme, MIME type and content', () => {
    const message = failure(() =>
      expect({ contents: [{ uri: 'https://x/board', mimeType: 'text/html', _meta: {} }] }).toBeMcpAppResource(),
    );
    expect(message).toContain('uri: expected a ui:// URI, received "https://x/board"');
    expect(message).toContain('mimeType: expected "text/html;profile=mcp-app", received "text/html"');
    expect(message).toContain('content: expected the HTML as `text` or `blob`, received neither');
    expect(message).toContain('_meta.ui (none)');
    expect(failure(() => expect({ uri: 'ui://x' }).toBeMcpAppResource())).toContain(
      'mimeType: expected "text/html;profile=mcp-app", received absent',
    );
  });

  test('.not fails on an MCP App resource, saying so', () => {
    expect(failure(() => expect(listed).not.toBeMcpAppResource())).toContain('expected "ui://notes/board" not to be an MCP App resource');
  });

  test('misuse: a wrong value, an unknown key, an unknown CSP field', () => {
    expect(failure(() => expect({ tools: [] }).not.toBeMcpAppResource())).toContain(
      'expected a resource (from listResources()), a readResource() result',
    );
    expect(failure(() => expect(listed).toBeMcpAppResource({ mimeType: 'x' } as never))).toContain('mimeType: not checked here');
    expect(failure(() => expect(listed).toBeMcpAppResource({ csp: { scriptDomains: [] } as never }))).toContain(
      'csp.scriptDomains is no MCP Apps CSP field; they are connectDomains, resourceDomains, frameDomains, baseUriDomains',
    );
  });
});

describe('toHaveMcpAppUi', () => {
  const tool = { name: 'show-board', _meta: { ui: { resourceUri: 'ui://notes/board', visibility: ['app', 'model'] } } };
  const legacy = { name: 'old-board', _meta: { 'ui/resourceUri': 'ui://notes/board' } };

  test('passes on a linked UI (also by the deprecated key), by string, RegExp or asymmetric matcher, with visibility', () => {
    expect(tool).toHaveMcpAppUi();
    expect(tool).toHaveMcpAppUi('ui://notes/board');
    expect(tool).toHaveMcpAppUi(/^ui:\/\/notes\//);
    expect(tool).toHaveMcpAppUi(expect.stringContaining('board'), { visibility: ['model', 'app'] });
    expect(legacy).toHaveMcpAppUi('ui://notes/board', { visibility: ['model', 'app'] }); // the default
    expect({ name: 'plain' }).not.toHaveMcpAppUi();
    expect(tool).not.toHaveMcpAppUi('ui://notes/other');
  });

  test("names what is wrong and shows the tool's _meta", () => {
    let message = failure(() => expect(tool).toHaveMcpAppUi('ui://notes/list', { visibility: ['app'] }));
    expect(message).toContain('expected tool "show-board" to link the UI "ui://notes/list" with visibility ["app"]');
    expect(message).toContain('_meta.ui.resourceUri: expected "ui://notes/list", received "ui://notes/board"');
    expect(message).toContain('_meta.ui.visibility: expected ["app"], received ["app","model"] (not expected: model)');
    expect(message).toContain('received: _meta {"ui":{"resourceUri":"ui://notes/board","visibility":["app","model"]}}');
    message = failure(() => expect({ name: 'plain', _meta: { other: 1 } }).toHaveMcpAppUi());
    expect(message).toContain('it links no UI: no _meta.ui.resourceUri (nor the deprecated _meta["ui/resourceUri"])');
    message = failure(() =>
      expect({ name: 'odd', _meta: { ui: { resourceUri: 'https://x/app.html' }, 'ui/resourceUri': 'ui://y' } }).toHaveMcpAppUi(),
    );
    expect(message).toContain('_meta.ui.resourceUri: expected a ui:// URI, received "https://x/app.html"');
    expect(message).toContain('and the deprecated _meta["ui/resourceUri"] "ui://y" differ');
    expect(failure(() => expect(legacy).toHaveMcpAppUi('ui://z'))).toContain('(by the deprecated _meta["ui/resourceUri"])');
  });

  test('.not fails on a tool that links the UI; misuse on a non-tool', () => {
    expect(failure(() => expect(tool).not.toHaveMcpAppUi('ui://notes/board'))).toContain(
      'expected tool "show-board" not to link the UI "ui://notes/board"',
    );
    expect(failure(() => expect({ tools: [tool] }).toHaveMcpAppUi())).toContain('toHaveMcpAppUi: expected a tool (from listTools().tools)');
  });
});
