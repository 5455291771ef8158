/**
 * Lists of names in messages (configured clients, servers, methods received), bounded: a config
 * with 150,000 clients must not make a 1.4 MB error, and one odd name must not make a long one.
 */

/** How many names a message shows before "… and N more". */
export const MAX_NAMES_SHOWN = 20;
/** Past this many names, no "did you mean". */
const MAX_NAMES_SEARCHED = 10_000;
/** How much of one name a message shows. */
const MAX_NAME_CHARS = 80;

function shown(name: string, quote: boolean): string {
  const cut = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
  return quote ? JSON.stringify(cut) : cut;
}

/** `a, b, c`, or `a, b, … and 149998 more`, or `none` (or what `empty` says). */
export function listNames(names: readonly string[], options: { quote?: boolean; max?: number; empty?: string } = {}): string {
  const { quote = false, max = MAX_NAMES_SHOWN, empty = '(none)' } = options;
  if (!names.length) return empty;
  const head = names.slice(0, max).map((n) => shown(n, quote));
  const rest = names.length - head.length;
  return rest > 0 ? `${head.join(', ')}, … and ${rest} more` : head.join(', ');
}

/**
 * Edit distance counting a swap of two neighbours as one edit (`notse` is one from `notes`), or
 * `limit + 1` as soon as it must exceed `limit`: a list of 150,000 names stays cheap.
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** The configured name closest to a mistyped one (a typo of a third of it at most), or undefined. */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  // A suggestion is a courtesy: not worth seconds over a generated list of 150,000.
  if (wanted.length > 200 || names.length > MAX_NAMES_SEARCHED) return undefined;
  const target = wanted.toLowerCase();
  let limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  for (const name of names) {
    if (name === wanted || Math.abs(name.length - target.length) > limit) continue;
    const d = distance(target, name.toLowerCase(), limit);
    if (d > limit) continue;
    best = name;
    if (d === 0) break;
    // Only a closer one can win from here.
    limit = d - 1;
    if (limit < 0) break;
  }
  return best;
}

/** ` Did you mean "notes"?`, or nothing. */
export function didYouMean(wanted: readonly string[], names: readonly string[]): string {
  if (wanted.length !== 1) return '';
  const close = closestName(wanted[0], names);
  return close === undefined ? '' : ` Did you mean ${shown(close, true)}?`;
}
