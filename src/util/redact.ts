/**
 * Keeps secrets out of everything jest-mcp prints or throws. Secrets are known values (every
 * `${VAR}` value, and literal header and env values that look secret) plus a few shapes that are
 * secret whatever their source (bearer tokens, URL passwords).
 */
export const REDACTED = '[redacted]';

/** Too short to be a secret worth hiding, and hiding it would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: Array<string | undefined>): this {
    for (const value of values) {
      if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
    }
    return this;
  }

  /** Merges another redactor's secrets, e.g. a file's with the run's. */
  addAll(other: Redactor): this {
    for (const s of other.secrets) this.secrets.add(s);
    return this;
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    return out
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`)
      .replace(/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${REDACTED}@`);
  }
}

const SECRET_NAME = /auth|token|secret|passw|pwd|key|cookie|session|credential|signature|private/i;
const TOKEN_SHAPE = /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9._~+/=:-]{16,}$/;

/**
 * Whether a value written literally in the config (not through `${VAR}`, whose values are always
 * secret) is one: by the name of its header or variable, or by its token-like shape. Hiding every
 * literal would hide `X-Tenant: notes` in the name of the client `notes` and in every URL.
 */
export function isSecretLiteral(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || TOKEN_SHAPE.test(value) || /^(Bearer|Basic)\s/i.test(value);
}

/** A URL for messages: origin and path, with any password and query values hidden. */
export function describeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  // A marker no URL has, swapped for the placeholder afterwards (URL would percent-encode it).
  const marker = 'jmcp0hidden0';
  if (url.password) url.password = marker;
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, marker);
  return url.toString().split(marker).join(REDACTED);
}
