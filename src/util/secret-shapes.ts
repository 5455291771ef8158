/**
 * What a secret looks like, by its name and its shape: the part of the secret rules
 * (config/secret-rules.ts) that the redactor also needs, kept here so util/ depends on nothing.
 */

export const MIN_SECRET_LENGTH = 4;

/** Within a part of a name; AUTHOR is a person, AUTHORIZATION a header. */
const SECRET_WORD = /TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL|COOKIE|SESSION|PRIVATE|SIGNATURE|APIKEY|ACCESSKEY|^AUTH(?!ORS?$)|KEYS?$/;
/** A whole part of a name. */
const SECRET_PART = /^(PASS|PWD|PIN|OTP|JWT|BEARER|SIG)$/;
/** Standard variables whose names match the words above and hold nothing secret. */
const ORDINARY_NAMES = ['PWD', 'OLDPWD'];

const TOKEN_SHAPE = /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9._~+/=:-]{16,}$/;
const BOOLEAN = /^(true|false)$/i;
const NUMBER = /^[+-]?\d{1,6}(\.\d+)?$/;
const PATH = /^(\/|\.{1,2}\/|~\/|[A-Za-z]:[\\/])[^\s]*$/;
/** A path piece that is a key, not a name: long, with upper case, lower case and digits mixed. */
const RANDOM_PIECE = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[^/\\]{20,}$/;

/** Splits `apiKey`, `API_KEY`, `x-api-key` and `--api-key` into upper-case parts. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.toUpperCase());
}

/** Whether a name says its value is a credential. */
export function isSecretName(name: string): boolean {
  if (ORDINARY_NAMES.includes(name)) return false;
  return nameParts(name).some((part) => SECRET_WORD.test(part) || SECRET_PART.test(part));
}

export function isOrdinaryValue(value: string): boolean {
  if (BOOLEAN.test(value) || NUMBER.test(value)) return true;
  return PATH.test(value) && !value.split(/[/\\]/).some((piece) => RANDOM_PIECE.test(piece));
}

/** A URL is not a token (its password and query values are judged on their own). */
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isTokenShaped(value: string): boolean {
  return (TOKEN_SHAPE.test(value) && !isOrdinaryValue(value) && !URL_START.test(value)) || /^(Bearer|Basic)\s+\S/i.test(value);
}
