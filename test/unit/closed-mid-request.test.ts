import { PendingRequests } from '../../src/transports/closed-mid-request';
import { EventIdWatch } from '../../src/transports/sse-event-ids';

/**
 * The watcher reads every chunk of a request's event stream on its way to the SDK. Its work must
 * grow with the bytes received, not with the bytes times the chunks: a 10 MB result arrives as
 * one SSE `data:` line in hundreds of chunks, and re-reading the unfinished line on every chunk
 * took seconds (issue 21).
 */

const CHUNK = 16 * 1024;

/** An HTTP 200 event stream of `body`, delivered in chunks of CHUNK bytes, as undici hands them on. */
function streamed(body: string): Response {
  const bytes = new TextEncoder().encode(body);
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + CHUNK));
      at += CHUNK;
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** Sends one `tools/call` through the watcher and reads its whole answer; resolves to the text and the ms it took. */
async function readThrough(body: string): Promise<{ text: string; ms: number }> {
  const watched = new PendingRequests('mcpClients.x (streamable-http http://127.0.0.1/mcp)', 'streamable-http').watch(async () =>
    streamed(body),
  );
  const started = performance.now();
  const response = await watched('http://127.0.0.1/mcp', {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'big' } }),
  });
  const text = await response.text();
  return { text, ms: performance.now() - started };
}

const answer = (size: number) => {
  const payload = 'x'.repeat(size);
  return `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: payload }] } })}\n\n`;
};

test('an 8 MB answer on one SSE line passes through whole, in time linear in its size', async () => {
  const body = answer(8 * 1024 * 1024);
  const { text, ms } = await readThrough(body);
  expect(text).toBe(body);
  // Linear work takes well under 0.1 s here; re-reading the unfinished line per chunk took 9 s.
  // The bound is generous for a loaded machine: speed itself is measured by bench/.
  expect(ms).toBeLessThan(4000);
});

describe('an `id:` field, which makes the SDK resume the stream', () => {
  const seen = (...chunks: string[]) => {
    const watch = new EventIdWatch();
    for (const chunk of chunks) watch.read(new TextEncoder().encode(chunk));
    return watch.seen;
  };

  test('is seen at the start of any line, whatever the line ending', () => {
    expect(seen('id: 1\ndata: {}\n\n')).toBe(true);
    expect(seen('event: message\r\nid: 7\r\n')).toBe(true);
    expect(seen('data: {}\rid: 7\r')).toBe(true);
  });

  test('is seen when a chunk boundary cuts it', () => {
    expect(seen('data: {}\ni', 'd', ': 3\n')).toBe(true);
    expect(seen('data: {}\r', '\nid:', ' 3')).toBe(true);
    expect(seen('data: xy', 'id: in the line\nid: 3\n')).toBe(true);
  });

  test('is seen after a long data line that arrived in many chunks', () => {
    expect(seen('data: ', ...Array.from({ length: 100 }, () => 'x'.repeat(1000)), '\nid: 9\n')).toBe(true);
  });

  test('is not seen inside a line, nor split across a line that went on', () => {
    expect(seen('data: {"id: 1"}\n\n')).toBe(false);
    expect(seen('data: i', 'd: 1\n')).toBe(false);
    expect(seen('xi', 'd:\n')).toBe(false);
  });

  test('is seen after a multi-byte character split across chunks', () => {
    const bytes = new TextEncoder().encode('data: é\nid: 1\n');
    const watch = new EventIdWatch();
    watch.read(bytes.subarray(0, 7));
    watch.read(bytes.subarray(7));
    expect(watch.seen).toBe(true);
  });
});
