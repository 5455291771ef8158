/**
 * Keeps secrets out of everything jest-mcp prints, throws, writes or hands to Jest. Secrets are
 * known values (the config's, as config/secret-rules.ts judges them) plus a few shapes that are
 * secret whatever their source (bearer tokens, URL passwords). Callers redact
 * the raw text, before they cut, escape or format it: a cut can leave a secret's first characters
 * and an escape can change its spelling, so both are also matched in their escaped forms here.
 */
import { MIN_SECRET_LENGTH, isSecretName, isTokenShaped } from './secret-shapes';

export const REDACTED = '[redacted]';

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;

/** The spellings a value takes in what jest-mcp prints: as is, inside a JSON string (once or twice), percent-encoded. */
function spellings(secret: string): string[] {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const forms = [
    secret,
    json(secret),
    json(json(secret)),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    encodeURI(secret),
  ];
  return [...new Set(forms)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Every spelling of every secret, longest first, as one pattern; rebuilt after add(). */
  private pattern: RegExp | null | undefined;
  private longest = 0;

  add(...values: Array<string | undefined>): this {
    for (const value of values) {
      if (value && value.length >= MIN_SECRET_LENGTH && !this.secrets.has(value)) {
        this.secrets.add(value);
        this.pattern = undefined;
      }
    }
    return this;
  }

  /** Merges another redactor's secrets, e.g. a file's with the run's. */
  addAll(other: Redactor): this {
    return this.add(...other.secrets);
  }

  /** How long the longest spelling of a known value is: a text cut this far past what it shows keeps every secret whole there. */
  longestSpelling(): number {
    this.compiled();
    return this.longest;
  }

  /** The known values (not the shapes), e.g. to hand to a worker or a serializer. */
  values(): string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    const pattern = this.compiled();
    const out = pattern ? text.replace(pattern, REDACTED) : text;
    return out.replace(BEARER, `$1 ${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);
  }

  /** Only the known values, in any spelling; for text that keeps its own placeholders for shapes (snapshots). */
  redactKnown(text: string, placeholder = REDACTED): string {
    const pattern = this.compiled();
    return pattern ? text.replace(pattern, placeholder) : text;
  }

  private compiled(): RegExp | null {
    if (this.pattern === undefined) {
      // Longest first, so a secret that contains another is hidden whole.
      const forms = [...new Set([...this.secrets].flatMap(spellings))].sort((a, b) => b.length - a.length);
      this.pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
      this.longest = forms[0]?.length ?? 0;
    }
    return this.pattern;
  }
}

/**
 * Whether a value written literally in the config (not through `${VAR}`) is a secret: by the name
 * of its header, variable or option, or by its token-like shape. Hiding every literal would hide
 * `X-Tenant: notes` in the name of the client `notes` and in every URL. The rules for `${VAR}`
 * values, which also weigh where they are used, are in config/secret-rules.ts.
 */
export function isSecretLiteral(name: string, value: string): boolean {
  return isSecretName(name) || isTokenShaped(value);
}

/**
 * A URL for messages: origin and path, with any password and query values hidden, and whatever
 * `redactor` knows (a `${VAR}` in the host or path) hidden too. Redacted before it is parsed: the
 * parser would percent-encode a secret's spelling.
 */
export function describeUrl(raw: string, redactor?: Redactor): string {
  const text = redactor ? redactor.redact(raw) : raw;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL (a typo, `http//…`): still no query value or password.
    return text.replace(/([?&][^=&#\s]*=)[^&#\s]*/g, `$1${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);
  }
  // A marker no URL has, swapped for the placeholder afterwards (URL would percent-encode it).
  const marker = 'jmcp0hidden0';
  if (url.password) url.password = marker;
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, marker);
  return url
    .toString()
    .split(marker)
    .join(REDACTED)
    .replace(/%5Bredacted%5D/g, REDACTED);
}
