/**
 * Whether a URI could have been made from an RFC 6570 URI template (`notes://{id}`,
 * `file:///{+path}`, `search{?q,limit}`): a read of such a URI exercises the template the server
 * listed. Matching, not expansion: each expression becomes the pattern of what it can expand to.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What one `{…}` expression can expand to, by its operator. */
function expressionPattern(expression: string): string {
  switch (expression[0]) {
    case '+':
    case '#':
      // Reserved expansion keeps `/`, `?`, `#`: anything at all.
      return expression[0] === '#' ? '(?:#.*)?' : '.*';
    case '/':
      return '(?:/[^/?#]*)*';
    case '.':
      return '(?:\\.[^/?#.]*)*';
    case ';':
      return '(?:;[^/?#;]*)*';
    case '?':
    case '&':
      return '(?:[?&][^#]*)?';
    default:
      // Simple expansion: one segment (a comma joins the values of several variables).
      return '[^/?#]*';
  }
}

const compiled = new Map<string, RegExp | null>();

/** The template as a RegExp, or null when it is not a template we can read (an unclosed brace). */
export function templatePattern(template: string): RegExp | null {
  if (compiled.has(template)) return compiled.get(template)!;
  let source = '';
  let rest = template;
  let pattern: RegExp | null = null;
  for (;;) {
    const open = rest.indexOf('{');
    if (open < 0) {
      source += escapeRegExp(rest);
      pattern = new RegExp(`^${source}$`);
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0) break;
    source += escapeRegExp(rest.slice(0, open)) + expressionPattern(rest.slice(open + 1, close));
    rest = rest.slice(close + 1);
  }
  compiled.set(template, pattern);
  return pattern;
}

export function matchesTemplate(uri: string, template: string): boolean {
  return templatePattern(template)?.test(uri) ?? false;
}
