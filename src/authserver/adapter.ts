/**
 * oidc-provider's storage for one test authorization server: in memory, its own (the engine's
 * built-in memory adapter shares one store between every provider of the process), and gone
 * with the server. Clients whose `client_id` is an http URL on loopback are Client ID Metadata
 * Documents fetched here: the engine itself takes https URLs only, which a test rarely can serve.
 */

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A metadata document is asked for again after this long (a test may change it). */
const DOCUMENT_CACHE_MS = 5_000;
const FETCH_TIMEOUT_MS = 2_500;
const SHARED_SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post', 'client_secret_jwt']);

export function isLoopbackClientIdUrl(id: string): boolean {
  try {
    const url = new URL(id);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.pathname !== '/' && !url.hash;
  } catch {
    return false;
  }
}

/** The document at a loopback `client_id` URL, checked as the engine checks an https one. */
async function fetchClientDocument(id: string): Promise<Payload | undefined> {
  let response: Response;
  try {
    response = await fetch(id, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    return undefined;
  }
  if (response.status !== 200) return undefined;
  const document = (await response.json().catch(() => undefined)) as Payload | undefined;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  if (document.client_id !== id || 'client_secret' in document) return undefined;
  if (SHARED_SECRET_METHODS.has(String(document.token_endpoint_auth_method))) return undefined;
  return { token_endpoint_auth_method: 'none', ...document };
}

export function createAdapterFactory(options: { clientIdMetadataDocuments: boolean }) {
  const store = new Map<string, Entry>();
  const documents = new Map<string, { payload?: Payload; until: number }>();
  const get = (key: string): Payload | undefined => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) store.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
  };
  const set = (key: string, payload: Payload, expiresIn?: number) =>
    store.set(key, { payload, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity });

  return class Adapter {
    constructor(readonly model: string) {}

    key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      set(this.key(id), payload, expiresIn);
      if (this.model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, { id }, expiresIn);
      if (payload.userCode) set(`userCode:${payload.userCode}`, { id }, expiresIn);
      if (payload.grantId) {
        const members = (get(`grant:${payload.grantId}`)?.keys as string[] | undefined) ?? [];
        set(`grant:${payload.grantId}`, { keys: [...members, this.key(id)] });
      }
    }

    async find(id: string): Promise<Payload | undefined> {
      const found = get(this.key(id));
      if (found || this.model !== 'Client' || !options.clientIdMetadataDocuments || !isLoopbackClientIdUrl(id)) return found;
      const cached = documents.get(id);
      if (cached && cached.until > Date.now()) return cached.payload;
      const payload = await fetchClientDocument(id);
      documents.set(id, { payload, until: Date.now() + DOCUMENT_CACHE_MS });
      return payload;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const ref = get(`sessionUid:${uid}`);
      return ref ? this.find(ref.id as string) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const ref = get(`userCode:${userCode}`);
      return ref ? this.find(ref.id as string) : undefined;
    }

    async consume(id: string): Promise<void> {
      const found = get(this.key(id));
      if (found) found.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of (get(`grant:${grantId}`)?.keys as string[] | undefined) ?? []) store.delete(key);
      store.delete(`grant:${grantId}`);
    }
  };
}
