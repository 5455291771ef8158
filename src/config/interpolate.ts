import { McpConfigError } from '../util/errors';
import { Redactor, isSecretLiteral } from '../util/redact';
import type { EnvFileResult } from './env-file';

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
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly redactor: Redactor,
    private readonly visible: readonly string[] = [],
  ) {}

  /**
   * For values messages must show as they are (URLs, commands, paths): what came from the
   * environment is not redacted. Whatever part of them is secret, the caller adds itself.
   */
  text(value: string, where: string): string {
    return this.expand(value, where, () => {});
  }

  /** For everything else: what came from the environment is a secret. */
  secret(value: string, where: string): string {
    return this.expand(value, where, (found) => {
      if (!this.visible.includes(found)) this.redactor.add(found);
    });
  }

  /**
   * A URL: what came from the environment is a secret (a key in the path, a private host), but a
   * bare port number stays readable. A variable that holds a whole URL (`${MCP_URL}`) hides its
   * password, query values and token-like path segments, so the endpoint stays readable.
   */
  url(value: string, where: string): string {
    return this.expand(value, where, (found) => {
      if (this.visible.includes(found) || /^\d{1,5}$/.test(found)) return;
      const whole = parseUrl(found);
      if (!whole) return void this.redactor.add(found);
      this.redactor.add(whole.password, decodeURIComponent(whole.password), ...whole.searchParams.values());
      for (const segment of whole.pathname.split('/')) {
        const plain = decodeURIComponent(segment);
        if (plain.length >= 8 && /\d/.test(plain) && /[A-Za-z]/.test(plain)) this.redactor.add(plain, segment);
      }
    });
  }

  /**
   * headers and env: `${VAR}` values are secrets, literal ones when they look like one (by name
   * or shape). `literalMayBeSecret` can rule out a raw value, e.g. one that is only `${PORT}`.
   */
  record(
    record: Record<string, string> | undefined,
    where: string,
    literalMayBeSecret: (raw: string) => boolean = () => true,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(record ?? {})) {
      out[key] = this.secret(raw, `${where}.${key}`);
      // Judged without the visible values in it: `${JEST_MCP_TMPDIR}/memory.jsonl` is a path, not a token.
      const literal = this.visible.reduce((value, shown) => value.split(shown).join(''), out[key]);
      if (literalMayBeSecret(raw) && isSecretLiteral(key, literal)) this.redactor.add(out[key]);
    }
    return out;
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

  private expand(value: string, where: string, found: (value: string) => void): string {
    return value.replace(VAR, (match, name: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '${';
      const set = this.env[name];
      if (set !== undefined && set !== '') {
        found(set);
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

function list(lines: string[]): string {
  return lines.map((l) => `  - ${l}`).join('\n');
}
