import type { McpSecretsOptions } from './types';
import { MIN_SECRET_LENGTH, isOrdinaryValue, isSecretName, isTokenShaped } from '../util/secret-shapes';

/**
 * Which values of the config are secrets, judged from where a value is used and what it is
 * called, so that both promises hold: no credential in any output, and no ordinary value (`true`,
 * a port, a program's path) hidden. Hiding every `${VAR}` value hid `DISABLE_THOUGHT_LOGGING=true`
 * in every snapshot and `${PYTHON}` in every message. The rules, in order:
 *
 * 1. Shorter than 4 characters: never (hiding it would mangle ordinary words).
 * 2. Named in `mcp.secrets`: `ignore` shows it, `add` hides it (`add` wins when both match).
 * 3. Ordinary values are never secret: `true`, `false`, numbers of up to 6 digits, and paths
 *    (`/…`, `./…`, `../…`, `~/…`, `C:\…`) whose pieces are not random-looking.
 * 4. Named like a credential (the variable, or the header, environment variable or `--option`
 *    it is given as): TOKEN, SECRET, KEY, PASSWORD/PASS/PWD, CREDENTIAL, AUTH, COOKIE, SESSION,
 *    PRIVATE, SIGNATURE… (as a part of the name: `MAX_TOKENS` is one, `KEYBOARD_LAYOUT` is not).
 * 5. Token-shaped: 16+ characters of letters and digits mixed (`-._~+/=:` allowed), or `Bearer …`.
 * 6. From `${VAR}` in a place that carries credentials (a header, a process's environment, a
 *    command-line argument, a URL's user, path, query or fragment), 8 characters or more.
 * Anything else is shown: a literal `X-Tenant: notes`, a host, a command, a working directory.
 * A URL's password, its query values and an OAuth client secret are hidden by their callers,
 * whatever these rules say.
 */

/** Where a value is used, as the rules weigh it. */
export type SecretPlace = 'header' | 'env' | 'arg' | 'url-credential' | 'url-host' | 'program';

export interface SecretUse {
  place: SecretPlace;
  /** The name the place gives the value: a header's or environment variable's name, an argument's `--option`. */
  key?: string;
  /** The `${NAME}` the value came from; undefined for a value written in the config. */
  variable?: string;
}

export { MIN_SECRET_LENGTH, isOrdinaryValue, isSecretName, isTokenShaped };
/** A value hidden only for where it is used must be at least this long: `debug`, `prod`, `en_US` stay readable. */
const MIN_PLACED_LENGTH = 8;
const CARRIERS: readonly SecretPlace[] = ['header', 'env', 'arg', 'url-credential'];

/** `*` in a name matches any run of characters. */
function matcher(names: readonly string[]): (name: string) => boolean {
  const patterns = names.map((n) => new RegExp(`^${n.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
  return (name) => patterns.some((p) => p.test(name));
}

/** `mcp.secrets`, applied. */
export class SecretPolicy {
  private readonly added: (name: string) => boolean;
  private readonly ignored: (name: string) => boolean;

  constructor(readonly options: McpSecretsOptions = {}) {
    this.added = matcher(options.add ?? []);
    this.ignored = matcher(options.ignore ?? []);
  }

  /** The values of the variables `add` names, wherever the config uses them or not: a server may print its own environment. */
  addedValues(env: NodeJS.ProcessEnv): string[] {
    if (!this.options.add?.length) return [];
    return Object.entries(env).flatMap(([name, value]) => (value && this.added(name) ? [value] : []));
  }

  isSecret(value: string, use: SecretUse): boolean {
    if (value.length < MIN_SECRET_LENGTH) return false;
    // An environment variable's own name is a variable name too.
    const names = [use.variable, use.place === 'env' ? use.key : undefined].filter((n): n is string => n !== undefined);
    if (names.some(this.added)) return true;
    if (names.some(this.ignored)) return false;
    if (isOrdinaryValue(value)) return false;
    if (use.place === 'program') return false;
    if ([use.variable, use.key].some((name) => name !== undefined && isSecretName(name))) return true;
    if (isTokenShaped(value)) return true;
    return use.variable !== undefined && CARRIERS.includes(use.place) && value.length >= MIN_PLACED_LENGTH;
  }
}
