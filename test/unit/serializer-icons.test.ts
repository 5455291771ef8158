import { createHash } from 'node:crypto';
import { contractOf } from '../../src/expect/contract-shape';
import { createSnapshotSerializer } from '../../src/expect/serializer';
import { Redactor } from '../../src/util/redact';
import { scrubbed } from '../helpers/serializer';

// 1200 bytes of a made-up picture: its base64 is full of 16+ character letter-and-digit runs.
const png = Buffer.from(Array.from({ length: 1200 }, (_, i) => (i * 37 + 11) % 256));
const base64 = png.toString('base64');
const dataUri = `data:image/png;base64,${base64}`;
const sha = createHash('sha256').update(png).digest('hex').slice(0, 8);

test('a data: URI icon shows its type, size and hash, not [token] pieces', () => {
  const out = scrubbed({ tools: [{ name: 'a', icons: [{ src: dataUri, mimeType: 'image/png', sizes: ['48x48'] }] }] });
  expect(out.tools[0].icons[0]).toEqual({
    src: `data:image/png;base64,… (1.2 kB, sha256 ${sha})`,
    mimeType: 'image/png',
    sizes: ['48x48'],
  });
  // Small ones in bytes; a media type with parameters kept.
  const small = `data:image/svg+xml;charset=utf-8;base64,${Buffer.from('<svg/>').toString('base64')}`;
  expect(scrubbed({ serverInfo: { icons: [{ src: small }] } }).serverInfo.icons[0].src).toMatch(
    /^data:image\/svg\+xml;charset=utf-8;base64,… \(6 B, sha256 [0-9a-f]{8}\)$/,
  );
});

test('a data: URI inside text (HTML of a ui:// resource) reads the same', () => {
  const out = scrubbed({ contents: [{ uri: 'ui://x', text: `<img src="${dataUri}">` }] });
  expect(out.contents[0].text).toBe(`<img src="data:image/png;base64,… (1.2 kB, sha256 ${sha})">`);
});

test('an https icon keeps its path (a content hash is no secret); query values, URL passwords and known secrets are hidden', () => {
  const known = new Redactor().add('s3cr3tTenantValue');
  const serializer = createSnapshotSerializer(undefined, known)!;
  const icons = [
    { src: 'https://cdn.example.com/icons/add.3f9a1b2c4d5e6f7a8b9c0d1e.png', sizes: ['any'], theme: 'dark' },
    { src: 'https://cdn.example.com/i.png?X-Amz-Signature=a1b2c3d4e5f6a7b8c9d0e1f2a3b4&v=2' },
    { src: 'https://user:hunter2pass@cdn.example.com/i.png' },
    { src: 'https://cdn.example.com/s3cr3tTenantValue/i.png' },
  ];
  const out = scrubbed({ tools: [{ name: 'a', icons }] }, serializer).tools[0].icons;
  expect(out[0]).toEqual(icons[0]);
  expect(out[1].src).toBe('https://cdn.example.com/i.png?X-Amz-Signature=[token]&v=2');
  expect(out[2].src).toBe('https://user:[secret]@cdn.example.com/i.png');
  expect(out[3].src).toBe('https://cdn.example.com/[secret]/i.png');
  expect(JSON.stringify(out)).not.toMatch(/hunter2|s3cr3t|a1b2c3d4e5f6/);
});

test('a configured secret inside a data: URI never shows', () => {
  const secret = base64.slice(40, 72);
  const serializer = createSnapshotSerializer(undefined, new Redactor().add(secret))!;
  const out = JSON.stringify(scrubbed({ tools: [{ name: 'a', icons: [{ src: dataUri }] }] }, serializer));
  expect(out).not.toContain(secret);
});

test('a contract is scrubbed by value, not by key: a tool argument named cursor or password keeps its schema', () => {
  const contract = contractOf({
    tools: [{ name: 'login', inputSchema: { type: 'object', properties: { cursor: { type: 'string' }, password: { type: 'string' } } } }],
    resources: [],
    resourceTemplates: [],
    prompts: [],
  });
  const out = scrubbed(contract) as typeof contract;
  expect(out.tools.login.inputSchema).toEqual({ properties: { cursor: { type: 'string' }, password: { type: 'string' } }, type: 'object' });
  // A result (not a contract) still hides them by key.
  expect(scrubbed({ structuredContent: { password: 'x', cursor: 'c' } })).toEqual({
    structuredContent: { password: '[scrubbed]', cursor: '[scrubbed]' },
  });
});

test('in a tools list too, a tool schema keeps arguments named cursor or password; values elsewhere are still scrubbed by key', () => {
  const schema = { type: 'object', properties: { cursor: { type: 'string' }, password: { type: 'string', default: 'Bearer abc.def' } } };
  const out = scrubbed({ tools: [{ name: 'login', inputSchema: schema, outputSchema: schema }], nextCursor: 'c2' });
  expect(out.tools[0].inputSchema.properties.cursor).toEqual({ type: 'string' });
  expect(out.tools[0].outputSchema.properties.password).toEqual({ type: 'string', default: 'Bearer [token]' });
  expect(out.nextCursor).toBe('[scrubbed]');
});
