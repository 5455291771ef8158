import { McpConfigError } from '../util/errors';
import { Redactor, isSecretLiteral } from '../util/redact';
import type { EnvFileResult } from './env-file';

/**
 * `${NAME}` and `${NAME:-default}` in option values; `$${` stays a literal `${`. A variable that
 * is not set is collected, not thrown at once, so that one error names every variable to set.
 */

const VAR = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export class Interpolation {
  private readonly missing: string[] = [];
  private readonly invalid: string[] = [];

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
      if (literalMayBeSecret(raw) && isSecretLiteral(key, out[key])) this.redactor.add(out[key]);
    }
    return out;
  }

  /** A value that interpolated fine but is not what it should be (an unparseable URL). */
  reject(where: string, message: string): void {
    this.invalid.push(`${where}: ${message}`);
  }

  /**
   * Throws one `McpConfigError` for every variable that was not set, naming where they may be
   * set; then one for every rejected value. A missing variable comes first: the value it leaves
   * behind (`http://${HOST}/mcp`) is rejected only because of it.
   */
  finish(rootDir: string, envFile: EnvFileResult | undefined): void {
    if (this.missing.length) {
      const from = envFile ? `the environment or ${envFile.path}` : `the environment or a .env file in ${rootDir}`;
      throw new McpConfigError(
        `jest-mcp: missing environment variables:\n${list(this.missing)}\n` +
          `Set them in ${from}, or give a default with \${NAME:-default}.`,
      );
    }
    if (this.invalid.length) throw new McpConfigError(`jest-mcp: invalid configuration:\n${list(this.invalid)}`);
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
      return match;
    });
  }
}

function list(lines: string[]): string {
  return lines.map((l) => `  - ${l}`).join('\n');
}
