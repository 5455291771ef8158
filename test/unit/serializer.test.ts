import { scrubbed } from '../helpers/serializer';
import { DEFAULT_SCRUB, createSnapshotSerializer, scrubForSnapshot } from '../../src/expect/serializer';

describe('scrubbing', () => {
  test('replaces the values of the default keys, at any depth and of any type', () => {
    expect(
      scrubbed({
        content: [],
        sessionId: 'abc',
        nested: { requestId: 7, progressToken: { a: 1 }, nextCursor: 'c2', etag: 'W/"1"', Authorization: 'x' },
      }),
    ).toEqual({
      content: [],
      sessionId: '[scrubbed]',
      nested: {
        requestId: '[scrubbed]',
        progressToken: '[scrubbed]',
        nextCursor: '[scrubbed]',
        etag: '[scrubbed]',
        Authorization: '[scrubbed]',
      },
    });
  });

  test('a scrubbed key that is null or absent stays so: the snapshot still shows there was none', () => {
    expect(scrubbed({ content: [], cursor: null, sessionId: undefined })).toEqual({ content: [], cursor: null, sessionId: undefined });
  });

  test('_meta keeps its keys and loses its values', () => {
    expect(scrubbed({ content: [], _meta: { 'io.example/ts': 123, progressToken: 'p', nested: { a: 1 } } })).toEqual({
      content: [],
      _meta: { 'io.example/ts': '[meta]', progressToken: '[meta]', nested: '[meta]' },
    });
  });

  test('timestamps, UUIDs, JWTs and bearer tokens inside strings', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl_-x';
    const text =
      'at 2024-05-06T07:08:09.123Z, 2024-05-06 07:08, 2024-05-06T07:08:09+02:00; ' +
      'id 123e4567-E89B-12d3-a456-426614174000; jwt ' +
      jwt +
      '; Authorization: Bearer abc.def';
    expect(scrubbed({ content: [{ type: 'text', text }] }).content[0].text).toBe(
      'at [timestamp], [timestamp], [timestamp]; id [uuid]; jwt [token]; Authorization: Bearer [token]',
    );
  });

  test('long random-looking strings become [token]; words, numbers and dates do not', () => {
    expect(scrubbed({ content: ['key a1b2c3d4e5f6g7h8i9j0k1l2 end'] }).content[0]).toBe('key [token] end');
    // 16 letters and digits in one piece are a token (a 20-character API key); 15 are not.
    expect(scrubbed({ content: ['k3yAbCdEfGh1jK2mN0pQ'] }).content[0]).toBe('[token]');
    expect(scrubbed({ content: ['a1b2c3d4e5f6g7h'] }).content[0]).toBe('a1b2c3d4e5f6g7h');
    // Words joined by - or _ are not, unless 24+ characters in all.
    expect(scrubbed({ content: ['server-everything-2026 tool_name_v2_list'] }).content[0]).toBe('server-everything-2026 tool_name_v2_list');
    const plain = 'internationalizationsandmore 123456789012345678901234567890 2024-05-06';
    expect(scrubbed({ content: [plain] }).content[0]).toBe(plain);
  });

  test('tokens: false keeps long random strings but still hides JWTs and bearer tokens', () => {
    const serializer = createSnapshotSerializer({ tokens: false })!;
    expect(scrubbed({ content: ['a1b2c3d4e5f6g7h8i9j0k1l2 Bearer zzzz eyJabcdef.ghijklm.nop'] }, serializer).content[0]).toBe(
      'a1b2c3d4e5f6g7h8i9j0k1l2 Bearer [token] [token]',
    );
  });

  test('custom keys add to the defaults, custom patterns replace their matches', () => {
    const serializer = createSnapshotSerializer({ keys: ['noteId'], patterns: ['order-\\d+'] })!;
    expect(scrubbed({ structuredContent: { noteId: 5, sessionId: 's', text: 'see order-42 and order-7' } }, serializer)).toEqual({
      structuredContent: { noteId: '[scrubbed]', sessionId: '[scrubbed]', text: 'see [scrubbed] and [scrubbed]' },
    });
    // The defaults object itself is not extended by a project's keys.
    expect(DEFAULT_SCRUB.keys).not.toContain('noteId');
  });

  test('arrays stay arrays and primitives pass through', () => {
    expect(scrubbed({ tools: [{ name: 'a' }, 'b', 3, null, true] })).toEqual({ tools: [{ name: 'a' }, 'b', 3, null, true] });
    expect(Array.isArray(scrubbed({ tools: [] }).tools)).toBe(true);
  });

  test('never changes the value the test holds', () => {
    const value = {
      content: [{ type: 'text', text: 'at 2024-05-06T07:08:09Z' }],
      sessionId: 's',
      _meta: { a: 1 },
      structuredContent: { list: [{ requestId: 1 }] },
    };
    const before = structuredClone(value);
    const copy = scrubbed(value);
    expect(value).toEqual(before);
    expect(copy).not.toBe(value);
    expect(copy.content).not.toBe(value.content);
  });

  test('scrubForSnapshot works on its own with the default options', () => {
    expect(scrubForSnapshot({ sessionId: 'x', s: '123e4567-e89b-12d3-a456-426614174000' }, DEFAULT_SCRUB)).toEqual({
      sessionId: '[scrubbed]',
      s: '[uuid]',
    });
  });
});

describe('which values it claims', () => {
  const serializer = createSnapshotSerializer()!;

  test.each([
    ['a tool result', { content: [] }],
    ['structured content', { structuredContent: {} }],
    ['a tools list', { tools: [] }],
    ['a resources list', { resources: [] }],
    ['resource templates', { resourceTemplates: [] }],
    ['a prompts list', { prompts: [] }],
    ['a resource read', { contents: [] }],
    ['a prompt', { messages: [] }],
    ['a completion', { completion: {} }],
    ['initialize', { protocolVersion: '2025-06-18' }],
    ['server info', { serverInfo: {} }],
    ['any result with _meta', { _meta: {} }],
  ])('claims %s', (_, value) => {
    expect(serializer.test(value)).toBe(true);
  });

  test.each([
    ['null', null],
    ['a string', 'content'],
    ['an array', [{ content: [] }]],
    ['an object of another shape', { name: 'x', value: 1 }],
  ])('leaves %s to Jest', (_, value) => {
    expect(serializer.test(value)).toBe(false);
  });

  test('does not claim its own output (Jest asks again for every nested value it prints)', () => {
    const copy = scrubbed({ content: [{ type: 'text', text: 'x' }], structuredContent: { content: [] }, _meta: { a: 1 } });
    expect(serializer.test(copy)).toBe(false);
    expect(serializer.test(copy.structuredContent)).toBe(false);
    expect(serializer.test(copy._meta)).toBe(false);
  });

  test('serialize returns what the printer prints', () => {
    expect(serializer.serialize({ content: [] }, {}, '', 0, [], () => 'from printer')).toBe('from printer');
  });

  test('snapshot: false turns the serializer off', () => {
    expect(createSnapshotSerializer(false)).toBeUndefined();
  });
});
