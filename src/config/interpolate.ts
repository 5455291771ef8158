import { McpConfigError } from '../util/errors';
import type { Redactor } from '../util/redact';
import type { EnvFileResult } from './env-file';
import { SecretPolicy, type SecretPlace, isOrdinaryValue } from './secret-rules';

/**
 * `${NAME}` and `${NAME:-default}` in option values; `$${` stays a literal `${`. `${authServers.<name>.issuer}`
 * and `.jwksUri` are the run's authorization servers' (present where the caller adds them). A variable that
 * is not set is collected, not thrown at once, so that one error names every variable to set.
 */

// `${authServers.<name>.issuer}` too: the run's authorization servers (see servers.ts), with dots no environment variable has.
const VAR = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*|authServers\.[^.}:]+\.[A-Za-z]+)(?::-([^}]*))?\}/g;

export class Interpolation {
  private readonly missing: string[] = [];
  private readonly invalid: string[] = [];
  /** Where each missing variable is used. */
  private readonly missingAt: string[] = [];

  /**
   * @param visible values never hidden even when they come from the environment: a server's own
   *   port and host, without which no URL in any message would be readable.
   * @param policy which values are secrets (`mcp.secrets` and the rules of secret-rules.ts).
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly redactor: Redactor,
    private readonly visible: readonly string[] = [],
    readonly policy: SecretPolicy = new SecretPolicy(),
  ) {}

  /**
   * For values messages must show as they are (a command, a working directory, a module's path,
   * a client id): nothing is hidden for being used here. Whatever part of them is secret (a
   * variable `mcp.secrets.add` names), the caller or the known secrets add.
   */
  text(value: string, where: string): string {
    return this.expand(value, where, () => {});
  }

  /**
   * A value whose place makes it a secret whatever it holds (a password, a client secret): the
   * whole value is hidden, written in the config or taken from the environment.
   */
  secret(value: string, where: string): string {
    const out = this.expand(value, where, () => {});
    this.redactor.add(out);
    return out;
  }

  /** A command-line argument: `--token=${T}` and `--token ${T}` (`option`: the argument before it) name their value. */
  arg(value: string, where: string, option?: string): string {
    const key = /^(--?[A-Za-z][^=]*)=/.exec(value)?.[1] ?? (option && /^--?[A-Za-z]/.test(option) ? option : undefined);
    return this.expand(value, where, (found, variable) => this.judge(found, { place: 'arg', key, variable }));
  }

  /**
   * A URL: a variable in its user, path, query or fragment is a credential's place (a key in the
   * path is a common pattern); in its host or port it is not. A variable that holds a whole URL
   * (`${MCP_URL}`) hides its password, query values and token-like path segments, so the
   * endpoint stays readable.
   */
  url(value: string, where: string): string {
    return this.expand(value, where, (found, variable, offset) => {
      if (this.visible.includes(found)) return;
      if (offset === 0 && parseUrl(found)) return this.wholeUrl(found, variable);
      this.judge(found, { place: urlPlace(value, offset), variable });
    });
  }

  /**
   * headers and env: each `${VAR}` value, and the whole value as written, judged by the name it
   * is given (`Authorization`, `API_KEY`), its variable's and its shape. `literalMayBeSecret`
   * can rule out a raw value, e.g. one that is only `${PORT}`.
   */
  record(
    record: Record<string, string> | undefined,
    where: string,
    place: Extract<SecretPlace, 'header' | 'env'>,
    literalMayBeSecret: (raw: string) => boolean = () => true,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(record ?? {})) {
      out[key] = this.expand(raw, `${where}.${key}`, (found, variable) => this.judge(found, { place, key, variable }));
      // Judged without the visible values in it: `${JEST_MCP_TMPDIR}/memory.jsonl` is a path, not a token.
      const literal = this.visible.reduce((value, shown) => value.split(shown).join(''), out[key]);
      if (literalMayBeSecret(raw) && this.policy.isSecret(literal, { place, key })) this.redactor.add(out[key]);
    }
    return out;
  }

  /**
   * A client's URL as interpolated: its password and query values are hidden whatever they hold
   * (signatures and keys sit there), but for `true`, `false` and numbers. False: not a URL.
   */
  urlCredentials(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    this.redactor.add(decodeURIComponent(parsed.password), parsed.password);
    for (const value of parsed.searchParams.values()) if (!isOrdinaryValue(value)) this.redactor.add(value);
    return true;
  }

  private judge(found: string, use: Parameters<SecretPolicy['isSecret']>[1]): void {
    if (!this.visible.includes(found) && this.policy.isSecret(found, use)) this.redactor.add(found);
  }

  private wholeUrl(found: string, variable: string): void {
    const whole = parseUrl(found)!;
    if (this.policy.isSecret(found, { place: 'url-host', variable })) return void this.redactor.add(found);
    this.redactor.add(whole.password, decodeURIComponent(whole.password));
    for (const value of whole.searchParams.values()) if (!isOrdinaryValue(value)) this.redactor.add(value);
    for (const segment of whole.pathname.split('/')) {
      const plain = decodeURIComponent(segment);
      if (plain.length >= 8 && /\d/.test(plain) && /[A-Za-z]/.test(plain)) this.redactor.add(plain, segment);
    }
  }

  /** A value that interpolated fine but is not what it should be (an unparseable URL). */
  reject(where: string, message: string): void {
    this.invalid.push(`${where}: ${message}`);
  }

  /**
   * Throws one `McpConfigError` for every variable that was not set, naming where they may be
   * set, and every rejected value, each under its own heading. A value rejected only because a
   * variable it uses is missing (`http://${HOST}/mcp`) is left out: the missing variable says it.
   */
  finish(rootDir: string, envFile: EnvFileResult | undefined): void {
    const invalid = this.invalid.filter((line) => !this.missingAt.some((where) => line.startsWith(`${where}: `)));
    const parts: string[] = [];
    if (this.missing.length) {
      const from = envFile ? `the environment or ${envFile.path}` : `the environment or a .env file in ${rootDir}`;
      parts.push(
        `jest-mcp: missing environment variables:\n${list(this.missing)}\n` +
          `Set them in ${from}, or give a default with \${NAME:-default}.`,
      );
    }
    if (invalid.length) parts.push(`jest-mcp: invalid configuration:\n${list(invalid)}`);
    if (parts.length) throw new McpConfigError(parts.join('\n'));
  }

  private expand(value: string, where: string, found: (value: string, variable: string, offset: number) => void): string {
    return value.replace(VAR, (match, name: string | undefined, fallback: string | undefined, offset: number) => {
      if (name === undefined) return '${';
      const set = this.env[name];
      if (set !== undefined && set !== '') {
        found(set, name, offset);
        return set;
      }
      if (fallback !== undefined) return fallback;
      this.missing.push(`${where} uses \${${name}}, which is not set`);
      this.missingAt.push(where);
      return match;
    });
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? new URL(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Where in the URL written as `raw` the variable at `offset` sits: its host and port, or a part that may carry a credential. */
function urlPlace(raw: string, offset: number): SecretPlace {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw);
  if (!scheme || offset < scheme[0].length) return 'url-credential';
  const rest = raw.slice(scheme[0].length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = offset - scheme[0].length;
  if (at >= authority.length) return 'url-credential';
  return at < authority.lastIndexOf('@') ? 'url-credential' : 'url-host';
}

function list(lines: string[]): string {
  return lines.map((l) => `  - ${l}`).join('\n');
}
