/**
 * The `fetch` the HTTP transports give the SDK: the global one, made to let the event loop poll
 * the sockets first when it may have been blocked since the last request.
 *
 * Why: a worker's event loop can be blocked while a session sits idle (ts-jest type-checking the
 * test file right after `setup()` opened the sessions, or a test's own synchronous work between
 * two calls). If the server drops the idle keep-alive connection meanwhile (Node's and uvicorn's
 * default is after 5 s), the close is waiting unread in the socket, and a request sent at once
 * goes out on the dead connection and fails with "fetch failed: other side closed". Letting the
 * loop poll first makes the pool read the close and take a new connection. Retrying instead would
 * be wrong for a `tools/call` that may already have reached the server.
 */
type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * A quiet spell longer than this may hide a blocked loop. In a shorter one, a close races the
 * request just as it would with no block at all, and the pool's own margin (it drops a connection
 * a little before the keep-alive a server announces ends) is what covers that. Back-to-back calls
 * stay under it and pay nothing.
 */
const QUIET_MS = 200;
let lastActivity = 0;

export const settledFetch: Fetch = async (url, init) => {
  if (Date.now() - lastActivity > QUIET_MS) {
    // Two turns, not one: a call made from a response's callback is already inside the loop's
    // poll phase, and the first setImmediate runs before the loop polls the sockets again.
    await nextTurn();
    await nextTurn();
  }
  lastActivity = Date.now();
  try {
    return await fetch(url, init);
  } finally {
    lastActivity = Date.now();
  }
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
